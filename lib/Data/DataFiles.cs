using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;

namespace PricerLib.Data;

/// <summary>
/// Opening data files that may be gzip-compressed, told by their first bytes rather than their name. SharpZipLib,
/// not <see cref="System.IO.Compression.GZipStream"/>: GZipStream ends silently at a truncated gzip (a cut download
/// would load as a shorter, valid file), while SharpZipLib reports it and checks every member's CRC and size.
/// </summary>
public static class DataFiles
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];

    /// <summary>True when the stream, at its current position, starts with the gzip magic bytes; the position is restored.</summary>
    public static bool StartsWithGzipMagic(Stream stream)
    {
        long start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        bool gzip = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic.SequenceEqual(GzipMagic);
        stream.Position = start;
        return gzip;
    }

    /// <summary>The decompressed content of a gzip stream, which it owns.</summary>
    public static Stream Gunzip(Stream compressed) => new GZipInputStream(compressed) { IsStreamOwner = true };

    /// <summary>The file's content: decompressed when it is gzip, as is otherwise.</summary>
    /// <summary>The file's SHA-256, lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
    }

    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return StartsWithGzipMagic(file) ? Gunzip(file) : file;
    }

    /// <summary>Whether an exception thrown while reading content means the data ends early or is corrupt.</summary>
    public static bool IsBrokenInput(Exception e) => e is SharpZipBaseException or EndOfStreamException or IOException;
}
