using System.Text;

namespace PricerLib.Data.Amazon;

/// <summary>
/// A metadata file that has been checked to exist and to look like JSON Lines (plain, or gzip detected by its magic
/// bytes whatever the extension). <see cref="Open"/> throws <see cref="MetadataInputException"/> for a missing or
/// empty file, a gzip without data, or another format (an image, a CSV, a JSON array...).
/// </summary>
public sealed class MetadataFile
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private const int SniffBytes = 64 * 1024;

    private MetadataFile(string path, bool isGzip, long length)
    {
        Path = path;
        IsGzip = isGzip;
        Length = length;
    }

    /// <summary>The file's path as given.</summary>
    public string Path { get; }

    /// <summary>Whether the file is gzip-compressed.</summary>
    public bool IsGzip { get; }

    /// <summary>The file's size on disk, in bytes (the unit of read progress).</summary>
    public long Length { get; }

    /// <summary>Checks <paramref name="path"/> and returns it ready to read.</summary>
    /// <exception cref="MetadataInputException">The file is missing, empty, or not JSON Lines.</exception>
    public static MetadataFile Open(string path)
    {
        if (Directory.Exists(path)) throw new MetadataInputException(path, "is a folder, not a metadata file.");
        if (!File.Exists(path)) throw new MetadataInputException(path, "no such file.");
        long length = new FileInfo(path).Length;
        if (length == 0) throw new MetadataInputException(path, "the file is empty: no metadata rows.");

        bool isGzip;
        using (var probe = File.OpenRead(path))
            isGzip = DataFiles.StartsWithGzipMagic(probe);
        var file = new MetadataFile(path, isGzip, length);
        file.CheckLooksLikeJsonLines();
        return file;
    }

    /// <summary>Opens the decompressed content; <paramref name="raw"/> is the file itself, for read progress.</summary>
    internal Stream OpenContent(out FileStream raw)
    {
        raw = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return IsGzip ? DataFiles.Gunzip(raw) : raw;
    }

    private void CheckLooksLikeJsonLines()
    {
        var head = new byte[SniffBytes];
        int count;
        try
        {
            using var content = OpenContent(out _);
            count = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (DataFiles.IsBrokenInput(e))
        {
            throw new MetadataInputException(Path, $"the gzip data is truncated or corrupt before the first row ({e.Message}).", e);
        }

        var text = head.AsSpan(0, count);
        if (text.StartsWith(Utf8Bom)) text = text[Utf8Bom.Length..];
        int start = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 && count < head.Length)
            throw new MetadataInputException(Path, IsGzip ? "the gzip holds no data: no metadata rows." : "the file holds only blank lines: no metadata rows.");
        if (start >= 0 && text[start] != '{')
            throw new MetadataInputException(Path, $"does not look like Amazon metadata JSON Lines (one JSON object per line): {Describe(text[start..])}.");
    }

    /// <summary>What the start of a file that is not JSON Lines looks like, for the error message.</summary>
    private static string Describe(ReadOnlySpan<byte> start)
    {
        (byte[] Magic, string What)[] known =
        [
            ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"), ([(byte)'P', (byte)'K', 3, 4], "a ZIP archive (or .xlsx/.docx)"),
            ("%PDF"u8.ToArray(), "a PDF document"), ("BZh"u8.ToArray(), "a bzip2 file"), ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z'], "an xz file"),
            ([0x28, 0xB5, 0x2F, 0xFD], "a zstd file"), ("PAR1"u8.ToArray(), "a Parquet file"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ];
        foreach (var (magic, what) in known)
            if (start.StartsWith(magic)) return $"it is {what}";
        if (start[0] == '[') return "it starts with '[', a JSON array rather than one object per line";
        if (start.IndexOf((byte)0) >= 0) return "it holds binary data";
        var line = start[..Math.Min(start.Length, 60)];
        int end = line.IndexOfAny((byte)'\r', (byte)'\n');
        var excerpt = Encoding.UTF8.GetString(end < 0 ? line : line[..end]);
        var guess = excerpt.Contains(',') || excerpt.Contains('\t') ? " (a CSV/TSV file?)" : "";
        return $"its first line starts with \"{excerpt}\"{guess}";
    }
}
