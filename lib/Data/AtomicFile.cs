using System.IO.Compression;

namespace PricerLib.Data;

/// <summary>
/// Writes a file all at once or not at all: the content goes to a temp file in the target's folder (same volume,
/// so the final move is a rename), which replaces the target only after every byte was written.
/// </summary>
internal static class AtomicFile
{
    /// <summary>A complete gzip member holding zero bytes: header, an empty final deflate block, CRC 0, size 0.</summary>
    private static readonly byte[] EmptyGzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// Creates <paramref name="path"/> (and its folder) from what <paramref name="write"/> writes; gzip-compressed
    /// when the path ends in <c>.gz</c>. If <paramref name="write"/> throws, neither the file nor a temp file remains.
    /// </summary>
    public static void Write(string path, Action<Stream> write) => WriteVia(path, temp =>
    {
        using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                write(gzip);
            // GZipStream writes nothing at all for empty content, which no gzip reader accepts.
            if (file.Length == 0) file.Write(EmptyGzip);
        }
        else
        {
            write(file);
        }
        file.Flush(flushToDisk: true);
    });

    /// <summary>
    /// Lets <paramref name="writeTemp"/> create a temp file (same extension as <paramref name="path"/>, for tools that
    /// care, e.g. a browser writing a screenshot), then moves it onto <paramref name="path"/>. If
    /// <paramref name="writeTemp"/> throws, neither the file nor the temp file remains.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeTemp)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(target)}");
        try
        {
            writeTemp(temp);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
