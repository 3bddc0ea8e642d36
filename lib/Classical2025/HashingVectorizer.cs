using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using PricerLib.Classical;

namespace PricerLib.Classical2025;

/// <summary>
/// scikit-learn's <c>HashingVectorizer(n_features=N, stop_words='english', binary=True)</c> as <c>week6/day4.ipynb</c>
/// uses it: the <c>CountVectorizer</c> analyzer (lower case, <c>(?u)\b\w\w+\b</c>, its 318 English stop words), each
/// token's UTF-8 bytes hashed with signed MurmurHash3 (x86, 32-bit, seed 0) into column <c>|h| mod N</c>
/// (<c>_hashing_fast.pyx</c>; h = −2³¹ maps to <c>(2³¹ − 1 − (N − 1)) mod N</c>), <c>binary=True</c> setting every
/// stored entry to 1 (so <c>alternate_sign</c>'s ±1 and even colliding tokens that cancel out still give 1), then the
/// default <c>norm='l2'</c>: each entry of a document with k columns is 1/√k. Stateless: nothing is fitted.
/// </summary>
/// <param name="Features">The number of columns (the course's 5,000).</param>
public sealed record HashingVectorizer(int Features = 5000)
{
    /// <summary>The columns a document touches, ascending, each with the value 1/√k; empty for a document without tokens.</summary>
    public SparseVector Transform(string document)
    {
        var columns = new SortedSet<int>();
        foreach (var token in PythonTokens.CountVectorizerTokens(document))
            if (!EnglishStopWords.Words.Contains(token)) columns.Add(Column(token));
        double value = columns.Count == 0 ? 0 : 1 / Math.Sqrt(columns.Count);
        return new SparseVector([.. columns], [.. columns.Select(_ => value)]);
    }

    /// <summary>The column of one token.</summary>
    public int Column(string token)
    {
        int hash = MurmurHash3.Hash32(Encoding.UTF8.GetBytes(token), seed: 0);
        return hash == int.MinValue ? (int.MaxValue - (Features - 1)) % Features : Math.Abs(hash) % Features;
    }
}

/// <summary>MurmurHash3 x86 32-bit (Austin Appleby's reference), as scikit-learn's <c>murmurhash3_32</c> computes it, signed.</summary>
public static class MurmurHash3
{
    /// <summary>The hash of <paramref name="data"/> as a signed 32-bit integer (<c>murmurhash3_32(data, seed)</c>).</summary>
    public static int Hash32(ReadOnlySpan<byte> data, uint seed)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        uint h = seed;
        int blocks = data.Length / 4;
        for (int i = 0; i < blocks; i++)
        {
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= c1;
            k = BitOperations.RotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint last = 0;
        switch (tail.Length)
        {
            case 3: last ^= (uint)tail[2] << 16; goto case 2;
            case 2: last ^= (uint)tail[1] << 8; goto case 1;
            case 1:
                last ^= tail[0];
                last *= c1;
                last = BitOperations.RotateLeft(last, 15);
                last *= c2;
                h ^= last;
                break;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return unchecked((int)h);
    }
}
