using PricerLib.Classical;

namespace PricerLib.Editions;

/// <summary>
/// numpy's legacy <c>RandomState.choice(n, size, replace=False, p=p)</c> (<c>mtrand.pyx</c>), draw for draw: rounds of
/// <c>rand(size - found)</c> doubles, each looked up in the cumulative sum of <c>p</c> with the found indices zeroed
/// (<c>cumsum</c>, divided by its last value, <c>searchsorted(side='right')</c>), keeping each round's new indices in
/// first-seen order. With <see cref="PythonRandom.NumpyLegacy"/> seeded as <c>np.random.seed</c> was, the indices are
/// numpy's. Also numpy's pairwise <c>sum</c>, which the course's normalisation <c>w / w.sum()</c> goes through.
/// </summary>
public static class NumpyChoice
{
    /// <summary>numpy's <c>atol</c> for the sum of p: the square root of float64's machine epsilon.</summary>
    private static readonly double SumTolerance = Math.Sqrt(2.220446049250313e-16);

    /// <summary>The indices drawn, in numpy's order.</summary>
    /// <exception cref="ArgumentException">As numpy: a negative or NaN probability, a sum that is not 1, or fewer positive entries than <paramref name="size"/>.</exception>
    public static int[] WithoutReplacement(IReadOnlyList<double> p, int size, PythonRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size > p.Count) throw new ArgumentException($"Cannot take a larger sample ({size:N0}) than the population ({p.Count:N0}).", nameof(size));
        if (p.Any(x => !(x >= 0))) throw new ArgumentException("probabilities are not non-negative", nameof(p));
        if (Math.Abs(KahanSum(p) - 1) > SumTolerance)
            throw new ArgumentException("probabilities do not sum to 1", nameof(p));
        int positive = p.Count(x => x > 0);
        if (positive < size) throw new ArgumentException($"Fewer non-zero entries in p ({positive:N0}) than size ({size:N0}).", nameof(size));

        var weights = p.ToArray();
        var cdf = new double[weights.Length];
        var found = new int[size];
        int count = 0;
        while (count < size)
        {
            var draws = new double[size - count];
            for (int k = 0; k < draws.Length; k++) draws[k] = random.NextDouble();
            for (int k = 0; k < count; k++) weights[found[k]] = 0;
            double running = 0;
            for (int i = 0; i < weights.Length; i++) cdf[i] = running += weights[i];
            double last = cdf[^1];
            for (int i = 0; i < cdf.Length; i++) cdf[i] /= last;
            var round = new HashSet<int>();
            foreach (double x in draws)
            {
                int index = UpperBound(cdf, x);
                if (round.Add(index)) found[count++] = index;
            }
        }
        return found;
    }

    /// <summary>numpy's <c>np.sum</c> of a contiguous float64 array: <c>pairwise_sum</c>, blocks of 128 summed with 8 accumulators.</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        if (a.Length < 8)
        {
            double sum = 0;
            foreach (double x in a) sum += x;
            return sum;
        }
        if (a.Length <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i = 8;
            for (; i < a.Length - a.Length % 8; i += 8)
                for (int j = 0; j < 8; j++) r[j] += a[i + j];
            double result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < a.Length; i++) result += a[i];
            return result;
        }
        int half = a.Length / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }

    /// <summary>searchsorted(side='right'): how many of the sorted <paramref name="sorted"/> are at most <paramref name="x"/>.</summary>
    private static int UpperBound(double[] sorted, double x)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            if (sorted[middle] <= x) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>numpy's <c>kahan_sum</c>, which only checks that p sums to 1.</summary>
    private static double KahanSum(IReadOnlyList<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (double value in values)
        {
            double y = value - compensation;
            double t = sum + y;
            compensation = t - sum - y;
            sum = t;
        }
        return sum;
    }
}
