using System.Numerics;

namespace PricerLib.Classical;

/// <summary>
/// Python's <c>random.Random</c> for integers, bit for bit: the Mersenne Twister MT19937 seeded the way CPython's
/// <c>random.seed(int)</c> seeds it (<c>init_by_array</c> with the absolute value's 32-bit words, least significant
/// first), <c>getrandbits(k)</c> and <c>randrange</c> by rejection sampling (<c>_randbelow</c>). So
/// <c>new PythonRandom(42).RandRange(1, 1000)</c> gives the course's random pricer's guesses in the course's order.
/// Hand-written because .NET's <see cref="Random"/> is a different generator. Not thread-safe.
/// </summary>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] state = new uint[N];
    private int index = N + 1;

    /// <summary>Seeds as <c>random.seed(seed)</c> does for an <c>int</c> (negative seeds use their absolute value, as CPython).</summary>
    public PythonRandom(BigInteger seed) => InitByArray(Words(BigInteger.Abs(seed)));

    private PythonRandom() { }

    /// <summary>
    /// The same generator seeded as numpy's legacy <c>np.random.seed(seed)</c> seeds it (<c>mt19937_seed</c>: the
    /// reference <c>init_genrand</c>, not <c>init_by_array</c>), so <see cref="NextDouble"/> gives
    /// <c>np.random.rand()</c>'s doubles in order (numpy's <c>random_standard_uniform</c> is the same 53-bit formula).
    /// </summary>
    public static PythonRandom NumpyLegacy(uint seed)
    {
        var random = new PythonRandom();
        random.InitGenrand(seed);
        return random;
    }

    /// <summary>Python's <c>random.shuffle(x)</c>: from the end, swaps each element with one at <c>_randbelow(i + 1)</c>.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = (int)RandBelow((ulong)i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Python's <c>random.randrange(start, stop)</c>: a uniform integer in [start, stop).</summary>
    public long RandRange(long start, long stop)
    {
        if (stop <= start) throw new ArgumentException($"empty range for randrange({start}, {stop})");
        return start + (long)RandBelow((ulong)(stop - start));
    }

    /// <summary>Python's <c>_randbelow(n)</c>: <c>getrandbits(n.bit_length())</c> until the draw is below n.</summary>
    public ulong RandBelow(ulong n)
    {
        ArgumentOutOfRangeException.ThrowIfZero(n);
        int k = 64 - BitOperations.LeadingZeroCount(n);
        ulong r = GetRandBits(k);
        while (r >= n) r = GetRandBits(k);
        return r;
    }

    /// <summary>Python's <c>getrandbits(k)</c> for k ≤ 64: 32-bit words, least significant first, the last one cut to its top bits.</summary>
    public ulong GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 64);
        if (k <= 32) return NextWord() >> (32 - k);
        ulong low = NextWord();
        ulong high = NextWord() >> (64 - k);
        return low | (high << 32);
    }

    /// <summary>Python's <c>random.random()</c>: 53 random bits as a double in [0, 1).</summary>
    public double NextDouble()
    {
        uint a = NextWord() >> 5, b = NextWord() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    private static uint[] Words(BigInteger value)
    {
        if (value.IsZero) return [0];
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        var words = new uint[(bytes.Length + 3) / 4];
        for (int i = 0; i < bytes.Length; i++) words[i / 4] |= (uint)bytes[i] << (8 * (i % 4));
        return words;
    }

    private void InitGenrand(uint s)
    {
        state[0] = s;
        for (int i = 1; i < N; i++) state[i] = 1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i;
        index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++; j++;
            if (i >= N) { state[0] = state[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { state[0] = state[N - 1]; i = 1; }
        }
        state[0] = 0x80000000u; // assures a non-zero initial state
    }

    private uint NextWord()
    {
        if (index >= N) Twist();
        uint y = state[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    private void Twist()
    {
        for (int kk = 0; kk < N; kk++)
        {
            uint y = (state[kk] & 0x80000000u) | (state[(kk + 1) % N] & 0x7fffffffu);
            state[kk] = state[(kk + M) % N] ^ (y >> 1) ^ ((y & 1u) * 0x9908b0dfu);
        }
        index = 0;
    }
}
