using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PricerLib.Classical;

/// <summary>
/// Word2vec CBOW with negative sampling, trained the way gensim 4's <c>fast_sentence_cbow_neg</c> trains it:
/// vocabulary by descending count, gensim's down-sampling probabilities, a window shrunk at random per word, the mean
/// of the context vectors, negatives drawn from the unigram distribution to the power 0.75, gensim's sigmoid table
/// and its 48-bit linear congruential generator. Hand-written because no word2vec package is served for .NET here
/// (ML.NET only applies pretrained embeddings, downloaded at run time). Not bit-exact with gensim: gensim seeds each
/// word's initial vector from Python's string hash and splits work into jobs across threads.
/// </summary>
public static class Word2Vec
{
    private const int ExpTableSize = 1000;
    private const int MaxExp = 6;
    // word2vec.c's integer 1000 / 6 / 2 = 83: in float arithmetic 83.33 sends a dot product just under 6 to index 1000.
    private const int ExpScale = ExpTableSize / MaxExp / 2;
    private const int UnigramDomain = int.MaxValue; // gensim's 2**31 - 1
    private static readonly float[] ExpTable = BuildExpTable();

    /// <summary>Trains vectors on <paramref name="sentences"/> (already tokenized).</summary>
    public static WordVectors Train(IReadOnlyList<IReadOnlyList<string>> sentences, Word2VecSettings settings, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        var (words, counts) = Vocabulary(sentences, settings.MinCount);
        int size = settings.Dimensions;
        var vectors = new WordVectors(words, size);
        if (words.Count == 0) return vectors;
        var index = vectors.Index;
        var encoded = sentences.Select(s => s.Select(w => index.TryGetValue(w, out int i) ? i : -1).Where(i => i >= 0).ToArray()).ToArray();

        var syn0 = vectors.Values;
        for (int w = 0; w < words.Count; w++) InitialVector(words[w], settings.Seed, syn0.AsSpan(w * size, size));
        var syn1 = new float[syn0.Length];
        var sampleInts = SampleInts(counts, settings.Sample);
        var negatives = new UnigramTable(CumTable(counts));

        long totalWords = encoded.Sum(s => (long)s.Length) * settings.Epochs;
        long done = 0;
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            // Contiguous shards, one per thread, each with its own generator: one thread is deterministic.
            int shards = Math.Min(settings.Threads, Math.Max(1, encoded.Length));
            long epochStart = done;
            Parallel.For(0, shards, new ParallelOptions { MaxDegreeOfParallelism = shards, CancellationToken = cancellationToken }, shard =>
            {
                var trainer = new CbowTrainer(syn0, syn1, size, settings, sampleInts, negatives,
                    Seed(settings.Seed, epoch, shard));
                int from = (int)((long)encoded.Length * shard / shards), to = (int)((long)encoded.Length * (shard + 1) / shards);
                long seen = 0;
                for (int s = from; s < to; s++)
                {
                    // Linear decay by the corpus position this shard stands at, as if the shards ran one after another.
                    double progress = (epochStart + (double)shards * seen) / totalWords;
                    float alpha = (float)Math.Max(settings.MinAlpha, settings.Alpha - (settings.Alpha - settings.MinAlpha) * progress);
                    trainer.Sentence(encoded[s], alpha);
                    seen += encoded[s].Length;
                }
            });
            done += encoded.Sum(s => (long)s.Length);
        }
        return vectors;
    }

    private static (List<string> Words, long[] Counts) Vocabulary(IReadOnlyList<IReadOnlyList<string>> sentences, int minCount)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
            foreach (var word in sentence)
            {
                if (counts.TryGetValue(word, out long c)) counts[word] = c + 1;
                else { counts[word] = 1; firstSeen[word] = firstSeen.Count; }
            }
        var kept = counts.Where(c => c.Value >= minCount)
            .OrderByDescending(c => c.Value).ThenBy(c => firstSeen[c.Key]).ToList();
        return (kept.Select(c => c.Key).ToList(), kept.Select(c => c.Value).ToArray());
    }

    // gensim's prepare_vocab: keep a word with probability (√(v/t) + 1)·t/v, t = sample × total, as a 32-bit threshold.
    private static uint[] SampleInts(long[] counts, double sample)
    {
        double total = counts.Sum();
        double threshold = sample > 0 ? sample * total : total;
        return counts.Select(v =>
        {
            double p = sample > 0 ? Math.Min(1.0, (Math.Sqrt(v / threshold) + 1) * (threshold / v)) : 1.0;
            return (uint)Math.Min(uint.MaxValue, Math.Round(p * 4294967296.0));
        }).ToArray();
    }

    private static uint[] CumTable(long[] counts)
    {
        double total = counts.Sum(c => Math.Pow(c, 0.75));
        var table = new uint[counts.Length];
        double cumulative = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            cumulative += Math.Pow(counts[i], 0.75);
            table[i] = (uint)Math.Round(cumulative / total * UnigramDomain);
        }
        return table;
    }

    /// <summary>The table's sigmoid of a dot product inside (-6, 6), as word2vec.c looks it up.</summary>
    public static float Sigmoid(float dot) => ExpTable[(int)((dot + MaxExp) * ExpScale)];

    private static float[] BuildExpTable()
    {
        var table = new float[ExpTableSize];
        for (int i = 0; i < ExpTableSize; i++)
        {
            double e = Math.Exp((i / (double)ExpTableSize * 2 - 1) * MaxExp);
            table[i] = (float)(e / (e + 1));
        }
        return table;
    }

    // Each word's start depends only on the word and the seed (as gensim's), so not on vocabulary order or threads.
    private static void InitialVector(string word, int seed, Span<float> vector)
    {
        ulong state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        foreach (char c in word) state = (state ^ c) * 0x100000001B3UL;
        var random = new SplitMix(state);
        for (int d = 0; d < vector.Length; d++) vector[d] = (float)((random.NextDouble() - 0.5) / vector.Length);
    }

    private static ulong Seed(int seed, int epoch, int shard) =>
        new SplitMix((ulong)(uint)seed << 32 ^ (ulong)epoch << 16 ^ (ulong)shard).Next() & 0xFFFFFFFFFFFFUL;

    private struct SplitMix(ulong state)
    {
        public ulong Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>One thread's CBOW updates (gensim's <c>fast_sentence_cbow_neg</c>), lock-free on shared arrays.</summary>
    private sealed class CbowTrainer(float[] syn0, float[] syn1, int size, Word2VecSettings settings, uint[] sampleInts, UnigramTable negatives, ulong nextRandom)
    {
        private readonly float[] neu1 = new float[size];
        private readonly float[] work = new float[size];
        private readonly int[] kept = new int[10_000];
        private ulong next = nextRandom;

        // gensim's random_int32: a 48-bit LCG, upper 32 bits.
        private uint NextInt()
        {
            next = (next * 25214903917UL + 11) & 0xFFFFFFFFFFFFUL;
            return (uint)(next >> 16);
        }

        public void Sentence(int[] sentence, float alpha)
        {
            // gensim caps a sentence at 10,000 words, and drops frequent words before windows are drawn.
            int length = 0;
            foreach (int w in sentence)
            {
                if (length == kept.Length) break;
                if (settings.Sample > 0 && sampleInts[w] < NextInt()) continue;
                kept[length++] = w;
            }
            for (int i = 0; i < length; i++)
            {
                int reduced = (int)(NextInt() % (uint)settings.Window);
                int from = Math.Max(0, i - settings.Window + reduced);
                int to = Math.Min(length, i + settings.Window + 1 - reduced);
                Position(i, from, to, alpha);
            }
        }

        private void Position(int i, int from, int to, float alpha)
        {
            var context = neu1.AsSpan();
            context.Clear();
            int count = 0;
            for (int m = from; m < to; m++)
            {
                if (m == i) continue;
                count++;
                Add(context, Row(syn0, kept[m]), 1f);
            }
            if (count > 0) Scale(context, 1f / count);
            var error = work.AsSpan();
            error.Clear();
            int word = kept[i];
            for (int d = 0; d <= settings.Negative; d++)
            {
                int target;
                float label;
                if (d == 0) { target = word; label = 1; }
                else
                {
                    target = negatives.Draw((uint)(next >> 16));
                    next = (next * 25214903917UL + 11) & 0xFFFFFFFFFFFFUL;
                    if (target == word) continue;
                    label = 0;
                }
                var output = Row(syn1, target);
                float dot = Dot(context, output);
                if (dot <= -MaxExp || dot >= MaxExp) continue;
                float g = (label - Sigmoid(dot)) * alpha;
                Update(error, output, context, g);
            }
            // gensim (cbow_mean=1) adds the whole error to every context word, unscaled.
            for (int m = from; m < to; m++)
                if (m != i) Add(Row(syn0, kept[m]), error, 1f);
        }

        private Span<float> Row(float[] matrix, int word) => matrix.AsSpan(word * size, size);
    }

    /// <summary>
    /// gensim's negative draw, <c>bisect_left(cum_table, random % cum_table[-1])</c>, with the same answers: a guide of
    /// 65,536 buckets narrows each search to the few words whose span the drawn value's bucket overlaps (most buckets lie
    /// inside one frequent word's span), instead of 14 unpredictable branches over the whole vocabulary.
    /// </summary>
    private sealed class UnigramTable
    {
        private const int GuideBits = 16;
        private readonly uint[] cumulative;
        private readonly int[] guide;
        private readonly int shift;

        public UnigramTable(uint[] cumulative)
        {
            this.cumulative = cumulative;
            uint total = cumulative[^1];
            while ((total >> shift) >= 1u << GuideBits) shift++;
            guide = new int[(total >> shift) + 2];
            for (int b = 0; b < guide.Length; b++) guide[b] = BisectLeft(0, cumulative.Length, (uint)Math.Min(uint.MaxValue, (ulong)b << shift));
        }

        /// <summary>The word that <paramref name="random"/> (the generator's upper 32 bits) draws.</summary>
        public int Draw(uint random)
        {
            uint value = random % cumulative[^1];
            int bucket = (int)(value >> shift);
            // Every value of the bucket bisects to between its first value's word and the next bucket's.
            return BisectLeft(guide[bucket], Math.Min(cumulative.Length, guide[bucket + 1] + 1), value);
        }

        private int BisectLeft(int lo, int hi, uint value)
        {
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < value) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }

    // The hot loops: 256-bit fused multiply-adds on refs, without bounds checks (the callers pass rows of one length).

    internal static void Add(Span<float> target, ReadOnlySpan<float> source, float factor)
    {
        if (source.Length < target.Length) throw new ArgumentException("The source row is shorter than the target.", nameof(source));
        ref float t = ref MemoryMarshal.GetReference(target);
        ref float s = ref MemoryMarshal.GetReference(source);
        int i = 0, n = target.Length;
        var f = Vector256.Create(factor);
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref s, (nuint)i), f, Vector256.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref t, i) += Unsafe.Add(ref s, i) * factor;
    }

    // gensim's two saxpy calls of one negative-sampling step in one pass: error += g·output, then output += g·context.
    private static void Update(Span<float> error, Span<float> output, ReadOnlySpan<float> context, float g)
    {
        ref float e = ref MemoryMarshal.GetReference(error);
        ref float o = ref MemoryMarshal.GetReference(output);
        ref float c = ref MemoryMarshal.GetReference(context);
        int i = 0, n = output.Length;
        var f = Vector256.Create(g);
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var old = Vector256.LoadUnsafe(ref o, (nuint)i);
            Vector256.FusedMultiplyAdd(old, f, Vector256.LoadUnsafe(ref e, (nuint)i)).StoreUnsafe(ref e, (nuint)i);
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, (nuint)i), f, old).StoreUnsafe(ref o, (nuint)i);
        }
        for (; i < n; i++)
        {
            float old = Unsafe.Add(ref o, i);
            Unsafe.Add(ref e, i) += old * g;
            Unsafe.Add(ref o, i) = old + Unsafe.Add(ref c, i) * g;
        }
    }

    private static void Scale(Span<float> target, float factor)
    {
        ref float t = ref MemoryMarshal.GetReference(target);
        int i = 0, n = target.Length;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            (Vector256.LoadUnsafe(ref t, (nuint)i) * factor).StoreUnsafe(ref t, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref t, i) *= factor;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b);
        int i = 0, n = a.Length;
        Vector256<float> even = Vector256<float>.Zero, odd = Vector256<float>.Zero;
        for (; i <= n - 2 * Vector256<float>.Count; i += 2 * Vector256<float>.Count)
        {
            even = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref y, (nuint)i), even);
            odd = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)(i + Vector256<float>.Count)), Vector256.LoadUnsafe(ref y, (nuint)(i + Vector256<float>.Count)), odd);
        }
        float sum = Vector256.Sum(even + odd);
        for (; i < n; i++) sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        return sum;
    }
}
