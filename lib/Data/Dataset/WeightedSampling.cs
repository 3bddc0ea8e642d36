namespace PricerLib.Data.Dataset;

/// <summary>
/// Weighted sampling without replacement with numpy's <c>choice(n, size, replace=False, p=w)</c> semantics:
/// each draw picks one of the items not drawn yet with probability proportional to its weight.
/// Hand-written because .NET offers only uniform (<see cref="Random.Shuffle{T}(T[])"/>) or with-replacement
/// (<see cref="Random.GetItems{T}(T[], int)"/>) sampling, and neither ML.NET nor Microsoft.Data.Analysis has it.
/// </summary>
public static class WeightedSampling
{
    /// <summary>
    /// Indices of <paramref name="count"/> distinct items in draw order. Integer weights keep every draw exact; a
    /// Fenwick tree of the remaining weights makes each draw O(log n), so a slot of 100,000 items costs little.
    /// </summary>
    /// <exception cref="ArgumentException">A weight is negative, or fewer than <paramref name="count"/> weights are positive.</exception>
    public static int[] WithoutReplacement(IReadOnlyList<long> weights, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (weights.Any(w => w < 0)) throw new ArgumentException("weights must not be negative", nameof(weights));
        int positive = weights.Count(w => w > 0);
        if (positive < count)
            throw new ArgumentException($"cannot draw {count} distinct items from {positive} with a positive weight", nameof(count));

        var remaining = new FenwickTree(weights);
        var drawn = new int[count];
        for (int k = 0; k < count; k++)
        {
            int index = remaining.IndexOf(random.NextInt64(remaining.Total));
            remaining.Remove(index, weights[index]);
            drawn[k] = index;
        }
        return drawn;
    }

    /// <summary>Prefix sums of weights with O(log n) update and search.</summary>
    private sealed class FenwickTree
    {
        private readonly long[] _tree; // 1-based
        private readonly int _topStep;

        public FenwickTree(IReadOnlyList<long> weights)
        {
            _tree = new long[weights.Count + 1];
            for (int i = 1; i <= weights.Count; i++)
            {
                _tree[i] += weights[i - 1];
                int parent = i + (i & -i);
                if (parent <= weights.Count) _tree[parent] += _tree[i];
                Total += weights[i - 1];
            }
            _topStep = weights.Count == 0 ? 0 : 1 << (31 - int.LeadingZeroCount(weights.Count));
        }

        public long Total { get; private set; }

        /// <summary>The 0-based index whose weight interval [prefix, prefix + weight) holds <paramref name="target"/>.</summary>
        public int IndexOf(long target)
        {
            int position = 0;
            for (int step = _topStep; step > 0; step >>= 1)
            {
                if (position + step < _tree.Length && _tree[position + step] <= target)
                {
                    position += step;
                    target -= _tree[position];
                }
            }
            return position;
        }

        public void Remove(int index, long weight)
        {
            Total -= weight;
            for (int i = index + 1; i < _tree.Length; i += i & -i) _tree[i] -= weight;
        }
    }
}
