using System.Buffers;
using System.Buffers.Binary;

namespace PricerLib.Local.Synthetic;

/// <summary>
/// Seeded uniform random weights, streamed as little-endian F16 or F32: value i of a tensor is a SplitMix64 hash of
/// (seed, tensor name, i), so every tensor is reproducible on its own and no tensor is ever held in memory whole.
/// </summary>
public static class SeededWeights
{
    private const int Chunk = 1 << 16;

    /// <summary>
    /// Writes <paramref name="count"/> values uniform in [−a, a) with standard deviation <paramref name="deviation"/>
    /// (a = √3·deviation) as <paramref name="encoding"/> (F16 or F32), checking <paramref name="cancellationToken"/>
    /// between chunks.
    /// </summary>
    public static void Write(Stream stream, long count, FloatEncoding encoding, int seed, string tensor, float deviation,
        CancellationToken cancellationToken)
    {
        if (encoding == FloatEncoding.BF16) throw new ArgumentException("F16 or F32 only.", nameof(encoding));
        ulong state = StreamSeed(seed, tensor);
        float width = 2 * MathF.Sqrt(3) * deviation;
        int size = FloatCodec.Width(encoding);
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk * size);
        try
        {
            for (long done = 0; done < count; done += Chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = (int)Math.Min(Chunk, count - done);
                for (int i = 0; i < n; i++)
                {
                    // The top 24 bits as a fraction in [0, 1) (exact in a float), centred and scaled.
                    float value = ((SplitMix64(ref state) >> 40) * (1f / (1 << 24)) - 0.5f) * width;
                    if (size == 2) BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(2 * i, 2), (Half)value);
                    else BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i, 4), value);
                }
                stream.Write(buffer, 0, size * n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A tensor's own stream: the seed and a stable hash of its name (string.GetHashCode differs per process).
    private static ulong StreamSeed(int seed, string tensor)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a
        foreach (char c in tensor) hash = (hash ^ c) * 1099511628211UL;
        return hash ^ ((ulong)(uint)seed << 32);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
