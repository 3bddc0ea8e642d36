namespace PricerLib.Data.Dataset;

/// <summary>The course's seeded shuffle and split: <c>random.shuffle(sample); train = sample[:N]; test = sample[N:N+M]</c>.</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Shuffles a copy of <paramref name="sample"/> with <see cref="Random.Shuffle{T}(T[])"/> seeded by
    /// <paramref name="seed"/> (reproducible, not numpy's stream), then takes the train split and the test split after it.
    /// </summary>
    /// <remarks>
    /// A sample too small for both sizes keeps the test split whole (it is the yardstick every model is scored on)
    /// and gives the train split what is left, which <see cref="DatasetSplit.TrainShrunk"/> reports: Python's
    /// slicing would instead shrink the test split silently.
    /// </remarks>
    /// <exception cref="DatasetException">The sample cannot fill the test split and leave at least one training item.</exception>
    public static DatasetSplit ShuffleAndSplit(IReadOnlyList<Item> sample, int trainSize, int testSize, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(testSize);
        if (sample.Count < testSize + 1)
            throw new DatasetException(
                $"the sample has {sample.Count:N0} items: too few for a test split of {testSize:N0} plus at least one training item");

        var shuffled = sample.ToArray();
        new Random(seed).Shuffle(shuffled);
        int train = Math.Min(trainSize, shuffled.Length - testSize);
        return new DatasetSplit(
            shuffled[..train],
            shuffled[train..(train + testSize)],
            trainSize,
            shuffled.Length - train - testSize) { Seed = seed };
    }
}
