using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace PricerLib.Tokenization;

/// <summary>
/// Pieces → ids for <see cref="Llama3Encoder"/> in two levels. Most pieces of product text are short ASCII words of
/// one to three ids, and a slot of a <see cref="SlotTable"/> holds the piece's chars and its ids, so a hit reads one
/// cache line, where a <c>Dictionary&lt;string, int[]&gt;</c> reads four (bucket, entry, key string, id array), and
/// the collector has no object to trace or copy. Each thread has a table of its own, lock-free and emptied when full
/// (cheaper than an LRU's bookkeeping); behind them, one table the threads share, so a piece that one thread has met
/// costs another a second look-up, not a byte-pair merge. Pieces no slot holds go to a dictionary the threads share.
/// </summary>
internal sealed class Llama3PieceCache
{
    /// <summary>
    /// The default table of a thread: 2^18 slots of 32 bytes (8 MB), holding 2^17 pieces before it starts again empty.
    /// </summary>
    public const int DefaultSlotBits = 18;

    /// <summary>The smallest and largest tables of a thread (4 slots; 2^24 slots, 512 MB).</summary>
    public const int MinSlotBits = 2, MaxSlotBits = 24;

    private readonly SlotTable _own;
    private readonly SharedPieces _shared;
    private long _lookups, _hits;

    /// <summary>A thread's cache of 2^<paramref name="slotBits"/> slots in front of <paramref name="shared"/>.</summary>
    public Llama3PieceCache(int slotBits, SharedPieces shared) => (_own, _shared) = (new SlotTable(slotBits), shared);

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
        if (!SlotKey.TryPack(piece, out var key))
        {
            var other = _shared.GetOther(piece, encoder, out bool known);
            if (known) _hits++;
            return other;
        }

        ref var slot = ref _own.Find(key, out bool found, out int index);
        if (found)
        {
            _hits++;
            return slot.Ids;
        }
        var ids = _shared.Get(key, piece, encoder, out bool shared);
        if (shared) _hits++;
        if (ids.Length <= Slot.MaxIds)
        {
            if (_own.Full)
            {
                _own.Clear();
                _own.Find(key, out _, out index);
            }
            _own.Write(index, key, ids);
        }
        return ids;
    }

    /// <summary>
    /// What the threads share: a table of slots written once each under a lock and read without one (a slot's
    /// length is written last, and a reader that sees it sees the rest), never emptied, so a slot once read stays
    /// true (it stops taking pieces when full); and a dictionary of the pieces no slot holds, emptied when full.
    /// </summary>
    internal sealed class SharedPieces
    {
        private readonly SlotTable _slots;
        private readonly Lock _writing = new();
        private readonly ConcurrentDictionary<string, int[]> _others = new();
        private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _otherLookup;
        private readonly int _othersCapacity;
        private int _othersCount;

        /// <summary>A table of 2^<paramref name="slotBits"/> slots, and room for half as many other pieces.</summary>
        public SharedPieces(int slotBits)
        {
            _slots = new SlotTable(slotBits);
            _othersCapacity = 1 << (slotBits - 1);
            _otherLookup = _others.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>The ids of a slotted piece, from the table (<paramref name="found"/>) or else from the encoder.</summary>
        public ReadOnlySpan<int> Get(SlotKey key, ReadOnlySpan<char> piece, Llama3Encoder encoder, out bool found)
        {
            ref var slot = ref _slots.Find(key, out found, out _);
            if (found) return slot.Ids;
            // A short piece of more ids than a slot holds is among the others.
            found = TryGetOther(piece, out var other);
            if (found) return other;
            int[] ids = encoder.EncodePiece(piece);
            if (ids.Length > Slot.MaxIds) return AddOther(piece, ids);
            lock (_writing)
            {
                // Another thread may have written it, or the slot found empty, since.
                _slots.Find(key, out bool written, out int index);
                if (!written && !_slots.Full) _slots.Write(index, key, ids);
            }
            return ids;
        }

        /// <summary>The ids of a piece no slot holds, from the dictionary (<paramref name="found"/>) or else from the encoder.</summary>
        public int[] GetOther(ReadOnlySpan<char> piece, Llama3Encoder encoder, out bool found)
        {
            found = TryGetOther(piece, out var ids);
            return found ? ids : AddOther(piece, encoder.EncodePiece(piece));
        }

        private bool TryGetOther(ReadOnlySpan<char> piece, out int[] ids) => _otherLookup.TryGetValue(piece, out ids!);

        private int[] AddOther(ReadOnlySpan<char> piece, int[] ids)
        {
            if (Interlocked.Increment(ref _othersCount) > _othersCapacity)
            {
                _others.Clear();
                Interlocked.Exchange(ref _othersCount, 1);
            }
            _otherLookup.TryAdd(piece, ids);
            return ids;
        }
    }

    /// <summary>A piece of up to <see cref="MaxChars"/> ASCII chars as two words, one byte per char, and its length.</summary>
    internal readonly record struct SlotKey(ulong Low, ulong High, int Length)
    {
        public const int MaxChars = 16;

        public static bool TryPack(ReadOnlySpan<char> piece, out SlotKey key)
        {
            key = default;
            if (piece.Length > MaxChars) return false;
            ulong low = 0, high = 0;
            int any = 0;
            for (int i = 0; i < piece.Length; i++)
            {
                int c = piece[i];
                any |= c;
                if (i < 8) low |= (ulong)c << (8 * i);
                else high |= (ulong)c << (8 * (i - 8));
            }
            key = new SlotKey(low, high, piece.Length);
            return any < 0x80;
        }

        /// <summary>Where the piece's probe starts in a table of 2^<paramref name="bits"/> slots (multiplicative hashing).</summary>
        public int Home(int bits) =>
            (int)(((Low ^ (High * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)Length) * 0x9E3779B97F4A7C15UL) >> (64 - bits));
    }

    /// <summary>A piece (<see cref="Length"/> 0: an empty slot) and its ids: the first <see cref="Count"/> of Id0–Id2.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Slot
    {
        public const int MaxIds = 3;

        public ulong Low, High;
        public int Id0, Id1, Id2;
        public byte Length, Count;

        public readonly bool Holds(SlotKey key) => Low == key.Low && High == key.High && Length == key.Length;

        public ReadOnlySpan<int> Ids => MemoryMarshal.CreateReadOnlySpan(ref Id0, Count);
    }

    /// <summary>Open-addressed slots, linear probing, filled to half at most.</summary>
    internal sealed class SlotTable(int bits)
    {
        private readonly Slot[] _slots = new Slot[1 << bits];
        private int _filled;

        public bool Full => _filled == _slots.Length / 2;

        /// <summary>The slot holding <paramref name="key"/> (<paramref name="found"/>), or the empty one for it.</summary>
        public ref Slot Find(SlotKey key, out bool found, out int index)
        {
            index = key.Home(bits);
            while (Volatile.Read(ref _slots[index].Length) != 0)
            {
                if (_slots[index].Holds(key))
                {
                    found = true;
                    return ref _slots[index];
                }
                index = (index + 1) & (_slots.Length - 1);
            }
            found = false;
            return ref _slots[index];
        }

        /// <summary>
        /// Writes the empty slot at <paramref name="index"/>, its length last: what a reader without a lock waits for.
        /// </summary>
        public void Write(int index, SlotKey key, ReadOnlySpan<int> ids)
        {
            ref var slot = ref _slots[index];
            (slot.Low, slot.High, slot.Count) = (key.Low, key.High, (byte)ids.Length);
            ids.CopyTo(MemoryMarshal.CreateSpan(ref slot.Id0, Slot.MaxIds));
            Volatile.Write(ref slot.Length, (byte)key.Length);
            _filled++;
        }

        public void Clear()
        {
            Array.Clear(_slots);
            _filled = 0;
        }
    }
}
