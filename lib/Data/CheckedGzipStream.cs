using System.Buffers.Binary;
using System.IO.Compression;

namespace PricerLib.Data;

/// <summary>
/// Decompresses a gzip file and notices when it ends early. .NET's <see cref="GZipStream"/> returns a truncated
/// file's data and then a clean end of stream, so a half-downloaded file would read as a shorter valid one; this
/// stream compares the bytes it produced with the size recorded in the gzip trailer (ISIZE, the last 4 bytes) and
/// throws <see cref="InvalidDataException"/> at the end when they differ. A file of several concatenated gzip
/// members records only the last member's size, so it is reported too: recompress it as one member.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    private readonly GZipStream _gzip;
    private readonly uint _expectedSize;
    private long _produced;

    private CheckedGzipStream(GZipStream gzip, uint expectedSize)
    {
        _gzip = gzip;
        _expectedSize = expectedSize;
    }

    /// <summary>Reads the trailer of <paramref name="file"/> (seekable, positioned anywhere), then decompresses it from the start.</summary>
    public static Stream Open(Stream file)
    {
        const int smallestGzip = 18; // 10-byte header, empty deflate data, 8-byte trailer
        if (file.Length < smallestGzip) throw new InvalidDataException("the file is too short to be gzip data (truncated?)");
        Span<byte> size = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(size);
        file.Position = 0;
        return new CheckedGzipStream(new GZipStream(file, CompressionMode.Decompress), BinaryPrimitives.ReadUInt32LittleEndian(size));
    }

    public override int Read(Span<byte> buffer)
    {
        int read = _gzip.Read(buffer);
        _produced += read;
        if (read == 0 && buffer.Length > 0 && (uint)_produced != _expectedSize)
            throw new InvalidDataException(
                $"the gzip data ends early: {_produced:N0} bytes decompressed, its trailer records {_expectedSize:N0} (truncated?)");
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}
