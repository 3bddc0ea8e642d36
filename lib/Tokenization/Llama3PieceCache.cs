using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace PricerLib.Tokenization;

/// <summary>
/// Pieces → ids for <see cref="Llama3Encoder"/> in two levels. Each thread has a table of its own, lock-free and
/// emptied when full (cheaper than an LRU's bookkeeping): most pieces of product text are short ASCII words of one to
/// three ids, and a slot holds the piece's chars and its ids, so a hit reads one cache line, where a
/// <c>Dictionary&lt;string, int[]&gt;</c> reads four (bucket, entry, key string, id array). Behind the tables, one
/// dictionary shared by the threads holds every piece encoded (and the pieces no slot holds), so a piece that one
/// thread has met costs another thread a look-up, not a byte-pair merge.
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
    private readonly SharedPieces _shared;
    private long _lookups, _hits;

    /// <summary>A thread's cache of 2^<paramref name="slotBits"/> slots, which holds half as many pieces before it starts again empty.</summary>
    public Llama3PieceCache(int slotBits, SharedPieces shared)
    {
        _slotBits = slotBits;
        _slots = new Slot[1 << slotBits];
        _maxPieces = 1 << (slotBits - 1);
        _shared = shared;
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
        if (!TryPack(piece, out ulong low, out ulong high)) return GetShared(piece, encoder);

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

        int[] ids = GetShared(piece, encoder);
        if (ids.Length > MaxSlotIds) return ids;
        if (_filled == _maxPieces)
        {
            Array.Clear(_slots);
            _filled = 0;
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

    private int[] GetShared(ReadOnlySpan<char> piece, Llama3Encoder encoder)
    {
        if (_shared.TryGet(piece, out var ids))
        {
            _hits++;
            return ids;
        }
        ids = encoder.EncodePiece(piece);
        _shared.Add(piece, ids);
        return ids;
    }

    /// <summary>A piece (<see cref="Length"/> 0: an empty slot) and its ids, the first <see cref="Count"/> of Id0–Id2.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong Low, High;
        public int Id0, Id1, Id2;
        public byte Length, Count;
    }

    /// <summary>
    /// The pieces every thread has encoded, read without a lock, emptied when it holds its capacity (its count is kept
    /// apart: a <see cref="ConcurrentDictionary{TKey, TValue}"/>'s own takes every lock).
    /// </summary>
    internal sealed class SharedPieces
    {
        private readonly ConcurrentDictionary<string, int[]> _pieces = new();
        private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly int _capacity;
        private int _count;

        public SharedPieces(int capacity)
        {
            _capacity = capacity;
            _lookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public bool TryGet(ReadOnlySpan<char> piece, out int[] ids) => _lookup.TryGetValue(piece, out ids!);

        public void Add(ReadOnlySpan<char> piece, int[] ids)
        {
            if (Interlocked.Increment(ref _count) > _capacity)
            {
                _pieces.Clear();
                Interlocked.Exchange(ref _count, 1);
            }
            _lookup.TryAdd(piece, ids);
        }
    }
}
