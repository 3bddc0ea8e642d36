using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace PricerLib.Tokenization;

/// <summary>
/// Llama 3's tiktoken BPE written for throughput: <see cref="Llama3PreTokenizer"/> instead of the regex, tiktoken's
/// byte-pair merge, and a lock-free piece cache per thread in front of one the threads share
/// (<see cref="Llama3PieceCache"/>). Gives the same ids, counts and text as Microsoft.ML.Tokenizers'
/// <c>TiktokenTokenizer</c> with <see cref="CodePointRegexPreTokenizer"/> (tested on the shared prompts and on
/// generated adversarial text). Thread-safe.
/// </summary>
public sealed class Llama3Encoder : ITextTokenizer, IPieceCacheStatistics
{
    private readonly byte[][] _tokenBytes;
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _ranks;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _special;
    private readonly ThreadLocal<Llama3PieceCache> _caches;

    /// <summary>An encoder over tiktoken ranks and special tokens.</summary>
    /// <param name="ranks">Token bytes by rank (rank = id).</param>
    /// <param name="specialTokens">Special tokens' text and ids.</param>
    /// <param name="name">The encoder's name in reports.</param>
    /// <param name="pieceCacheSlotBits">Each thread's piece cache has 2^this slots (32 bytes each) and holds half as
    /// many pieces before it starts again empty.</param>
    public Llama3Encoder(IReadOnlyList<byte[]> ranks, IReadOnlyDictionary<string, int> specialTokens, string name,
        int pieceCacheSlotBits = Llama3PieceCache.DefaultSlotBits)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(specialTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(pieceCacheSlotBits, Llama3PieceCache.MinSlotBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pieceCacheSlotBits, Llama3PieceCache.MaxSlotBits);
        // The shared table is twice a thread's: it is never emptied.
        var shared = new Llama3PieceCache.SharedPieces(pieceCacheSlotBits + 1);
        _caches = new(() => new Llama3PieceCache(pieceCacheSlotBits, shared), trackAllValues: true);
        int count = Math.Max(ranks.Count, specialTokens.Count == 0 ? 0 : specialTokens.Values.Max() + 1);
        _tokenBytes = new byte[count][];
        var byBytes = new Dictionary<byte[], int>(ranks.Count, ByteSequenceComparer.Instance);
        for (int id = 0; id < ranks.Count; id++)
        {
            _tokenBytes[id] = ranks[id];
            byBytes[ranks[id]] = id;
        }
        foreach (var (text, id) in specialTokens) _tokenBytes[id] = Encoding.UTF8.GetBytes(text);
        _ranks = byBytes.GetAlternateLookup<ReadOnlySpan<byte>>();
        _special = new Dictionary<string, int>(specialTokens).GetAlternateLookup<ReadOnlySpan<char>>();
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long Lookups => _caches.Values.Sum(c => c.Lookups);

    /// <inheritdoc />
    public long Hits => _caches.Values.Sum(c => c.Hits);

    /// <inheritdoc />
    public void ResetStatistics()
    {
        foreach (var cache in _caches.Values) cache.ResetStatistics();
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        Walk(text, ids, int.MaxValue, null);
        return ids;
    }

    /// <summary>
    /// Appends the ids of <paramref name="text"/> to <paramref name="ids"/>, stopping after the piece that brings
    /// their number to <paramref name="enough"/> or more: what it appends starts the ids of the whole text, because
    /// the pieces are still those of the whole text (the split looks at most one character past a piece).
    /// </summary>
    public void Encode(ReadOnlySpan<char> text, List<int> ids, int enough = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Walk(text, ids, enough, null);
    }

    /// <summary><see cref="Encode(ReadOnlySpan{char}, List{int}, int)"/>, telling <paramref name="trail"/> where each piece ends.</summary>
    internal void Encode(ReadOnlySpan<char> text, List<int> ids, int enough, Llama3Cut trail) => Walk(text, ids, enough, trail);

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Walk(text, null, int.MaxValue, null);
    }

    /// <inheritdoc cref="CountTokens(string)"/>
    public int CountTokens(ReadOnlySpan<char> text) => Walk(text, null, int.MaxValue, null);

    /// <summary>The length in bytes of token <paramref name="id"/>.</summary>
    internal int TokenLength(int id) => TokenBytes(id).Length;

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids switch
        {
            int[] array => Decode(array.AsSpan()),
            List<int> list => Decode(CollectionsMarshal.AsSpan(list)),
            _ => Decode(ids.ToArray().AsSpan()),
        };
    }

    /// <summary>The text of <paramref name="ids"/>: their bytes joined and read as UTF-8, invalid sequences as U+FFFD.</summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        int length = 0;
        foreach (int id in ids) length += TokenBytes(id).Length;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int at = 0;
            foreach (int id in ids)
            {
                var bytes = _tokenBytes[id];
                bytes.CopyTo(buffer, at);
                at += bytes.Length;
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] TokenBytes(int id) =>
        (uint)id < (uint)_tokenBytes.Length && _tokenBytes[id] is { } bytes ? bytes
            : throw new ArgumentOutOfRangeException(nameof(id), id, "not a token id of this vocabulary");

    /// <summary>
    /// Encodes <paramref name="text"/>, appending to <paramref name="ids"/> when given, until <paramref name="enough"/>
    /// tokens or the end; returns the count. <paramref name="trail"/>, when given, learns each piece of a text without
    /// special tokens (a special token makes it give up: the text around one is split in separate segments).
    /// </summary>
    private int Walk(ReadOnlySpan<char> text, List<int>? ids, int enough, Llama3Cut? trail)
    {
        int count = 0;
        var cache = _caches.Value!;
        // Special tokens are cut out first (all are "<|…|>" with no "|>" inside); the text between is split alone.
        int segmentStart = 0, searchFrom = 0;
        while (true)
        {
            int open = text[searchFrom..].IndexOf("<|", StringComparison.Ordinal);
            if (open < 0) break;
            open += searchFrom;
            int close = text[(open + 2)..].IndexOf("|>", StringComparison.Ordinal);
            if (close < 0) break;
            int end = open + 2 + close + 2;
            if (_special.TryGetValue(text[open..end], out int special))
            {
                trail?.GiveUp();
                trail = null;
                count += EncodeOrdinary(text[segmentStart..open], ids, cache, enough - count, null);
                if (count >= enough) return count;
                ids?.Add(special);
                count++;
                segmentStart = searchFrom = end;
            }
            else
            {
                searchFrom = open + 1;
            }
        }
        return count + EncodeOrdinary(text[segmentStart..], ids, cache, enough - count, trail);
    }

    private int EncodeOrdinary(ReadOnlySpan<char> text, List<int>? ids, Llama3PieceCache cache, int enough, Llama3Cut? trail)
    {
        int count = 0;
        for (int start = 0; start < text.Length && count < enough;)
        {
            int end = Llama3PreTokenizer.NextPieceEnd(text, start);
            var tokens = cache.Get(text[start..end], this);
            if (ids is not null) Append(ids, tokens);
            count += tokens.Length;
            trail?.AddPiece(end, Llama3PreTokenizer.Horizon(text, start, end), count);
            start = end;
        }
        return count;
    }

    /// <summary>List.AddRange without its interface calls, which cost more than the copy for a piece's few ids.</summary>
    private static void Append(List<int> ids, ReadOnlySpan<int> tokens)
    {
        int at = ids.Count;
        CollectionsMarshal.SetCount(ids, at + tokens.Length);
        tokens.CopyTo(CollectionsMarshal.AsSpan(ids)[at..]);
    }

    /// <summary>tiktoken's encoding of one piece: its id when the whole piece is a token, else the byte-pair merge.</summary>
    internal int[] EncodePiece(ReadOnlySpan<char> piece)
    {
        int maxBytes = piece.Length * 3;
        byte[]? rented = maxBytes > 768 ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[maxBytes] : rented.AsSpan(0, maxBytes);
        try
        {
            var bytes = buffer[..Utf8WithLoneSurrogates(piece, buffer)];
            return _ranks.TryGetValue(bytes, out int whole) ? [whole] : BytePairMerge(bytes);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// UTF-8, except that a lone surrogate becomes its own three-byte form (ED A0 80–ED BF BF, "generalised UTF-8")
    /// instead of U+FFFD's bytes, as Microsoft.ML.Tokenizers writes it (found by the adversarial tests). Hugging
    /// Face's tokenizer cannot receive a lone surrogate at all (Rust strings are valid UTF-8).
    /// </summary>
    private static int Utf8WithLoneSurrogates(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        int at = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32((char)c, text[++i]);
                bytes[at++] = (byte)(0xF0 | (c >> 18));
                bytes[at++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                bytes[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (c < 0x80) bytes[at++] = (byte)c;
            else if (c < 0x800)
            {
                bytes[at++] = (byte)(0xC0 | (c >> 6));
                bytes[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                bytes[at++] = (byte)(0xE0 | (c >> 12));
                bytes[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte)(0x80 | (c & 0x3F));
            }
        }
        return at;
    }

    /// <summary>tiktoken's <c>byte_pair_merge</c>: merge the adjacent pair of lowest rank (leftmost on ties) until none is a token.</summary>
    private int[] BytePairMerge(ReadOnlySpan<byte> piece)
    {
        int n = piece.Length;
        // starts[i]: where part i begins; ranks[i]: the rank of parts i and i+1 joined (int.MaxValue: not a token).
        int[]? rentedStarts = null, rentedRanks = null;
        Span<int> starts = n < 256 ? stackalloc int[n + 1] : (rentedStarts = ArrayPool<int>.Shared.Rent(n + 1)).AsSpan(0, n + 1);
        Span<int> ranks = n < 256 ? stackalloc int[n + 1] : (rentedRanks = ArrayPool<int>.Shared.Rent(n + 1)).AsSpan(0, n + 1);
        try
        {
            int parts = n + 1; // starts[parts - 1] == n marks the end
            for (int i = 0; i <= n; i++) starts[i] = i;
            for (int i = 0; i < parts; i++) ranks[i] = PairRank(piece, starts, parts, i);
            while (true)
            {
                int best = -1, bestRank = int.MaxValue;
                for (int i = 0; i < parts - 1; i++)
                    if (ranks[i] < bestRank) (best, bestRank) = (i, ranks[i]);
                if (best < 0) break;
                // Part best+1 joins part best.
                starts[(best + 1)..parts].Slice(1).CopyTo(starts[(best + 1)..]);
                ranks[(best + 1)..parts].Slice(1).CopyTo(ranks[(best + 1)..]);
                parts--;
                ranks[best] = PairRank(piece, starts, parts, best);
                if (best > 0) ranks[best - 1] = PairRank(piece, starts, parts, best - 1);
            }
            var tokens = new int[parts - 1];
            for (int i = 0; i < tokens.Length; i++)
                tokens[i] = _ranks.TryGetValue(piece[starts[i]..starts[i + 1]], out int id) ? id
                    : throw new InvalidOperationException("a byte is missing from the vocabulary");
            return tokens;
        }
        finally
        {
            if (rentedStarts is not null) ArrayPool<int>.Shared.Return(rentedStarts);
            if (rentedRanks is not null) ArrayPool<int>.Shared.Return(rentedRanks);
        }
    }

    private int PairRank(ReadOnlySpan<byte> piece, ReadOnlySpan<int> starts, int parts, int i) =>
        i + 2 < parts && _ranks.TryGetValue(piece[starts[i]..starts[i + 2]], out int rank) ? rank : int.MaxValue;

    /// <summary>Byte arrays compared by content, also looked up by a span.</summary>
    private sealed class ByteSequenceComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteSequenceComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }
    }
}
