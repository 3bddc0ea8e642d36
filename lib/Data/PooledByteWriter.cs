using System.Buffers;

namespace PricerLib.Data;

/// <summary>
/// Bytes written into arrays from the shared pool, given back by <see cref="Dispose"/>: a curation batch's items as
/// JSON lines (a megabyte or so) would otherwise be a new large object per batch, and the large-object heap, once
/// over its budget, costs a full collection.
/// </summary>
internal sealed class PooledByteWriter(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    private int _written;

    /// <summary>What has been written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _written = 0;
    }

    private void MakeRoom(int sizeHint)
    {
        if (_buffer.Length - _written >= Math.Max(sizeHint, 1)) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(2 * _buffer.Length, _written + sizeHint));
        WrittenSpan.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
