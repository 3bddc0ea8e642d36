using System.Text;

namespace PricerLib.Data.Download;

/// <summary>
/// Checks on what a download brought, before it is trusted: not empty, gzip when it should be (and whole, every
/// member's CRC and size), and a first line the caller recognises. A mirror that answers with an HTML page, a cut
/// transfer or plain text under a <c>.gz</c> name is then told apart from the data, in words.
/// </summary>
public static class DownloadedFile
{
    /// <summary>A first line longer than this is not looked at further (metadata rows are far shorter).</summary>
    private const int FirstLineLimit = 1 << 20;

    /// <summary>What is wrong with the file at <paramref name="path"/>; null when nothing.</summary>
    /// <param name="path">The file to check.</param>
    /// <param name="gzip">Whether it must be gzip (a <c>.gz</c> target).</param>
    /// <param name="whole">Decompress all of a gzip file to prove it whole (slow for big files); else only its start.</param>
    /// <param name="firstLineProblem">What is wrong with the (decompressed) first line; null when it is as expected.</param>
    public static string? Problem(string path, bool gzip, bool whole, Func<ReadOnlyMemory<byte>, string?> firstLineProblem)
    {
        var file = new FileInfo(path);
        if (file.Length == 0) return "it is empty (0 bytes)";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        bool isGzip = DataFiles.StartsWithGzipMagic(stream);
        if (gzip && !isGzip) return $"it is not gzip-compressed ({Describe(Head(stream)) ?? "it holds text"})";
        using var content = isGzip ? DataFiles.Gunzip(stream) : stream;
        try
        {
            var line = FirstLine(content);
            if (line.Length == 0) return "its first line is empty";
            if (firstLineProblem(line) is { } problem) return Describe(line.Span) ?? $"its first line is not what was expected: {problem}";
            if (isGzip && whole) content.CopyTo(Stream.Null); // every member's CRC and size checked
            return null;
        }
        catch (Exception e) when (e is InvalidDataException || DataFiles.IsBrokenInput(e))
        {
            return $"its gzip data is truncated or corrupt ({e.Message})";
        }
    }

    private static ReadOnlyMemory<byte> FirstLine(Stream content)
    {
        var buffer = new MemoryStream();
        int b;
        while (buffer.Length < FirstLineLimit && (b = content.ReadByte()) is not (-1 or '\n')) buffer.WriteByte((byte)b);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static byte[] Head(Stream stream)
    {
        var head = new byte[512];
        return head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }

    /// <summary>What the start of some content looks like when it is plainly not data: an HTML page, or binary bytes.</summary>
    private static string? Describe(ReadOnlySpan<byte> head)
    {
        head = head[..Math.Min(head.Length, 512)];
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('<')) return "it looks like an HTML page (a login, error or redirect page saved instead of the data?)";
        if (head.ContainsAny((byte)0, (byte)0xFF) || text[..Math.Max(0, text.Length - 3)].Contains('\uFFFD')) return "it holds binary data, not JSON lines";
        return null;
    }
}
