using System.Runtime.InteropServices;

namespace PricerLib.Data;

/// <summary>What a path names, after following symbolic links.</summary>
internal enum FileKind
{
    /// <summary>Nothing is there.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A device, FIFO or socket: written into, never replaced.</summary>
    Special,
}

/// <summary>
/// Tells regular files from devices and FIFOs, which .NET's <see cref="FileInfo"/> does not (both are "Normal").
/// Uses Linux's <c>statx(2)</c>, whose struct has the same layout on every architecture; elsewhere anything that exists
/// and is not a folder counts as a regular file.
/// </summary>
internal static class FileKinds
{
    private const int AtCurrentFolder = -100, StatxType = 1, ModeOffset = 28, TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000;

    /// <summary>What <paramref name="path"/> is (links followed).</summary>
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        if (!OperatingSystem.IsLinux()) return FileKind.Regular;
        var buffer = new byte[256];
        if (Statx(AtCurrentFolder, path, 0, StatxType, buffer) != 0) return FileKind.Regular;
        int type = BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask;
        return type switch { RegularType => FileKind.Regular, DirectoryType => FileKind.Directory, _ => FileKind.Special };
    }

    // A blittable array is pinned and passed as a pointer, so the kernel's answer lands in it.
    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
