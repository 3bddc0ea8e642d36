using System.Runtime.InteropServices;

namespace PricerLib.Tokenization;

/// <summary>
/// One thread's pieces → ids for <see cref="Llama3Encoder"/>, emptied when full (cheaper than an LRU's bookkeeping,
/// and lock-free). Most pieces of product text are short ASCII words of one to three ids: those live in one
/// open-addressed table whose slot holds the piece's chars and its ids, so a hit reads one cache line, where a
/// <c>Dictionary&lt;string, int[]&gt;</c> reads four (bucket, entry, key string, id array). Other pieces go to a
/// dictionary.
/// </summary>
internal sealed class Llama3PieceCache
{
    /// <summary>The default table: 2^18 slots of 32 bytes (8 MB), twice the pieces it holds before it starts again empty.</summary>
    public const int DefaultSlotBits = 18;

    /// <summary>The smallest and largest tables (4 slots; 2^28 slots, 8 GB).</summary>
    public const int MinSlotBits = 2, MaxSlotBits = 28;

    /// <summary>The most chars a slot holds: one byte each, eight to a <see cref="ulong"/>.</summary>
    private const int MaxSlotChars = 16;

    /// <summary>The most ids a slot holds.</summary>
    private const int MaxSlotIds = 3;

    private readonly int _slotBits;
    private readonly Slot[] _slots;
    private readonly int _maxPieces;
    private int _filled;
    private readonly Dictionary<string, int[]> _others = [];
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _otherLookup;
    private long _lookups, _hits;

    /// <summary>A cache of 2^<paramref name="slotBits"/> slots, which holds half as many pieces before it starts again empty.</summary>
    public Llama3PieceCache(int slotBits)
    {
        _slotBits = slotBits;
        _slots = new Slot[1 << slotBits];
        _maxPieces = 1 << (slotBits - 1);
        _otherLookup = _others.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long Lookups => Volatile.Read(ref _lookups);
    public long Hits => Volatile.Read(ref _hits);

    public void ResetStatistics()
    {
        Volatile.Write(ref _lookups, 0);
        Volatile.Write(ref _hits, 0);
    }

    /// <summary>The ids of <paramref name="piece"/>, from the cache or else from <paramref name="encoder"/>.</summary>
    public ReadOnlySpan<int> Get(ReadOnlySpan<char> piece, Llama3Encoder encoder)
    {
        _lookups++;
        if (!TryPack(piece, out ulong low, out ulong high)) return GetOther(piece, encoder);

        int home = (int)(((low ^ (high * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)piece.Length) * 0x9E3779B97F4A7C15UL) >> (64 - _slotBits));
        int index = home;
        while (_slots[index].Length != 0)
        {
            ref var slot = ref _slots[index];
            if (slot.Low == low && slot.High == high && slot.Length == piece.Length)
            {
                _hits++;
                return MemoryMarshal.CreateReadOnlySpan(ref slot.Id0, slot.Count);
            }
            index = (index + 1) & (_slots.Length - 1);
        }

        // A short ASCII piece of more ids than a slot holds is among the others.
        if (_otherLookup.TryGetValue(piece, out var kept))
        {
            _hits++;
            return kept;
        }
        int[] ids = encoder.EncodePiece(piece);
        if (ids.Length > MaxSlotIds) return Keep(piece, ids);
        if (_filled == _maxPieces)
        {
            Clear();
            index = home;
        }
        _filled++;
        ref var empty = ref _slots[index];
        (empty.Low, empty.High, empty.Length, empty.Count) = (low, high, (byte)piece.Length, (byte)ids.Length);
        ids.CopyTo(MemoryMarshal.CreateSpan(ref empty.Id0, MaxSlotIds));
        return ids;
    }

    /// <summary>A piece of up to <see cref="MaxSlotChars"/> ASCII chars as two words, one byte per char.</summary>
    private static bool TryPack(ReadOnlySpan<char> piece, out ulong low, out ulong high)
    {
        low = high = 0;
        if (piece.Length > MaxSlotChars) return false;
        int any = 0;
        for (int i = 0; i < piece.Length; i++)
        {
            int c = piece[i];
            any |= c;
            if (i < 8) low |= (ulong)c << (8 * i);
            else high |= (ulong)c << (8 * (i - 8));
        }
        return any < 0x80;
    }

    private ReadOnlySpan<int> GetOther(ReadOnlySpan<char> piece, Llama3Encoder encoder)
    {
        if (_otherLookup.TryGetValue(piece, out var ids))
        {
            _hits++;
            return ids;
        }
        return Keep(piece, encoder.EncodePiece(piece));
    }

    private int[] Keep(ReadOnlySpan<char> piece, int[] ids)
    {
        if (_others.Count >= _maxPieces) _others.Clear();
        _otherLookup[piece] = ids;
        return ids;
    }

    private void Clear()
    {
        Array.Clear(_slots);
        _filled = 0;
    }

    /// <summary>A piece (<see cref="Length"/> 0: an empty slot) and its ids, the first <see cref="Count"/> of Id0–Id2.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong Low, High;
        public int Id0, Id1, Id2;
        public byte Length, Count;
    }
}
