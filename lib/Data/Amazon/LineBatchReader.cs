using System.Buffers;

namespace PricerLib.Data.Amazon;

/// <summary>A run of complete lines from one file, cut on line ends, ready to parse on any thread.</summary>
/// <param name="Source">The file the lines come from.</param>
/// <param name="Buffer">The array that holds the bytes; a pooled one goes back by <see cref="Release"/>.</param>
/// <param name="Bytes">The lines' bytes, each ended by '\n' except possibly the file's last one.</param>
/// <param name="FirstLineNumber">The 1-based line number of the first line.</param>
/// <param name="Pooled">Whether <paramref name="Buffer"/> came from the shared pool.</param>
internal sealed record LineBatch(MetadataFile Source, byte[] Buffer, ReadOnlyMemory<byte> Bytes, long FirstLineNumber, bool Pooled)
{
    /// <summary>
    /// Gives the buffer back to the pool, once the lines are parsed: batches of a megabyte would otherwise each be a
    /// new large object, and the large-object heap, once over its budget, costs a full collection.
    /// </summary>
    public void Release()
    {
        if (Pooled) ArrayPool<byte>.Shared.Return(Buffer);
    }

    /// <summary>The non-blank lines with their line numbers, in order.</summary>
    public IEnumerable<(ReadOnlyMemory<byte> Line, long Number)> Lines()
    {
        var rest = Bytes;
        long number = FirstLineNumber;
        while (!rest.IsEmpty)
        {
            int end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (line.Span.IndexOfAnyExcept(" \t\r"u8) >= 0) yield return (line, number);
            number++;
        }
    }
}

/// <summary>
/// Reads a <see cref="MetadataFile"/> sequentially into <see cref="LineBatch"/>es of about a given size. When the
/// content ends early (a truncated or corrupt gzip, a read error) it stops, keeps every complete line before the
/// break, and says why in <see cref="BrokenInput"/>.
/// </summary>
internal sealed class LineBatchReader : IDisposable
{
    private readonly MetadataFile _file;
    private readonly Stream _content;
    private readonly FileStream _raw;
    private readonly int _batchBytes;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private byte[] _carry = [];
    private long _nextLineNumber = 1;
    private bool _atStart = true;
    private bool _finished;

    private readonly bool _pooled;

    /// <param name="file">The file to read.</param>
    /// <param name="batchBytes">About how many bytes a batch holds.</param>
    /// <param name="pooled">Batches in pooled arrays (see <see cref="LineBatch.Release"/>); false: a new array per batch, as the first port read.</param>
    public LineBatchReader(MetadataFile file, int batchBytes, bool pooled = true)
    {
        _pooled = pooled;
        _file = file;
        _batchBytes = batchBytes;
        _content = file.OpenContent(out _raw);
    }

    /// <summary>Bytes of the file on disk consumed so far.</summary>
    public long BytesRead => _finished ? _file.Length : _raw.Position;

    /// <summary>Why the content ended early, or null when it was read to its end.</summary>
    public string? BrokenInput { get; private set; }

    /// <summary>The line number the broken part starts at (meaningful when <see cref="BrokenInput"/> is set).</summary>
    public long BrokenAtLine => _nextLineNumber;

    /// <summary>The next batch, or false at the end of the content.</summary>
    public bool TryRead(out LineBatch batch)
    {
        batch = null!;
        if (_finished) return false;

        var buffer = NewBuffer(Math.Max(_batchBytes, _carry.Length * 2));
        _carry.CopyTo(buffer, 0);
        int filled = _carry.Length;
        bool endOfContent = false;
        while (!endOfContent)
        {
            filled += ReadOnce(buffer, filled, ref endOfContent);
            if (filled < buffer.Length) continue;
            if (buffer.AsSpan().LastIndexOf((byte)'\n') >= 0) break;
            // A single line longer than a batch.
            var larger = NewBuffer(buffer.Length * 2);
            buffer.CopyTo(larger, 0);
            if (_pooled) ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        // At a clean end the last line needs no '\n'; after a break the unterminated tail is the broken part.
        int cut = endOfContent && BrokenInput is null ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
        _carry = buffer.AsSpan(cut, filled - cut).ToArray();
        if (endOfContent) Finish();

        int skip = _atStart && buffer.AsSpan(0, cut).StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        _atStart = false;
        var bytes = new ReadOnlyMemory<byte>(buffer, skip, cut - skip);
        if (bytes.IsEmpty && endOfContent)
        {
            if (_pooled) ArrayPool<byte>.Shared.Return(buffer);
            return false;
        }
        batch = new LineBatch(_file, buffer, bytes, _nextLineNumber, _pooled);
        _nextLineNumber += bytes.Span.Count((byte)'\n');
        return true;
    }

    /// <summary>An array of zeroes (<see cref="ReadOnce"/> relies on the region it reads into being zeroes).</summary>
    private byte[] NewBuffer(int length)
    {
        if (!_pooled) return new byte[length];
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Array.Clear(buffer);
        return buffer;
    }

    /// <summary>
    /// One read into <paramref name="buffer"/> from <paramref name="offset"/> (a region never written before); at the
    /// end of the content, or when it breaks, sets <paramref name="endOfContent"/>.
    /// </summary>
    private int ReadOnce(byte[] buffer, int offset, ref bool endOfContent)
    {
        try
        {
            // The array overload: Stream's Span overload reads into a rented copy, losing it all when the read throws.
            int read = _content.Read(buffer, offset, buffer.Length - offset);
            if (read == 0) endOfContent = true;
            return read;
        }
        catch (Exception e) when (DataFiles.IsBrokenInput(e))
        {
            BrokenInput = _file.IsGzip
                ? $"the gzip data ends early or is corrupt ({e.Message}); the rest of the file could not be read"
                : $"reading failed ({e.Message}); the rest of the file could not be read";
            endOfContent = true;
            // The throwing read has inflated some bytes into the (zeroed) region without returning their count:
            // keep them up to the last line end, so the complete rows just before the break are not lost.
            return buffer.AsSpan(offset).LastIndexOf((byte)'\n') + 1;
        }
    }

    private void Finish()
    {
        _finished = true;
        _content.Dispose();
    }

    public void Dispose() => _content.Dispose();
}
