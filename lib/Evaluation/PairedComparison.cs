namespace PricerLib.Evaluation;

/// <summary>
/// Two runs on the same items compared item by item.
/// </summary>
/// <param name="Pairs">Items scored in both runs.</param>
/// <param name="Excluded">Items failed in either run, left out.</param>
/// <param name="MeanDifference">Mean of error_A − error_B; negative means A is closer on average.</param>
/// <param name="DifferenceCi">Paired-bootstrap 95% interval of <see cref="MeanDifference"/>; when it excludes 0 the
/// ranking is not a matter of which items happened to be drawn.</param>
/// <param name="AWins">Items where A's error is strictly smaller.</param>
/// <param name="BWins">Items where B's error is strictly smaller.</param>
/// <param name="Ties">Items with equal errors.</param>
public sealed record PairedComparisonResult(int Pairs, int Excluded, double MeanDifference, Interval DifferenceCi, int AWins, int BWins, int Ties)
{
    /// <summary>Share of pairs A wins, 0–100.</summary>
    public double AWinsPercent => 100.0 * AWins / Pairs;

    /// <summary>Share of pairs B wins, 0–100.</summary>
    public double BWinsPercent => 100.0 * BWins / Pairs;

    /// <summary>Share of tied pairs, 0–100.</summary>
    public double TiesPercent => 100.0 * Ties / Pairs;
}

/// <summary>Paired comparison of two runs over the same items, in the same order.</summary>
public static class PairedComparison
{
    /// <summary>
    /// Compares run A with run B. Items are matched by position and must agree on title and truth, else an
    /// <see cref="ArgumentException"/> names the first mismatch.
    /// </summary>
    public static PairedComparisonResult Compare(IReadOnlyList<ItemResult> a, IReadOnlyList<ItemResult> b, int resamples = Bootstrap.DefaultResamples, int seed = 42)
    {
        if (a.Count != b.Count)
            throw new ArgumentException($"The runs are not on the same items: A has {a.Count} items, B has {b.Count}.");
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Title != b[i].Title || a[i].Truth != b[i].Truth)
                throw new ArgumentException(
                    $"The runs are not on the same items: item {i + 1} is '{a[i].Title}' (${a[i].Truth}) in A but '{b[i].Title}' (${b[i].Truth}) in B.");
        }

        var differences = new List<double>(a.Count);
        int aWins = 0, bWins = 0, ties = 0;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Failed || b[i].Failed) continue;
            double ea = a[i].Error!.Value, eb = b[i].Error!.Value;
            differences.Add(ea - eb);
            if (ea < eb) aWins++;
            else if (eb < ea) bWins++;
            else ties++;
        }
        if (differences.Count == 0) throw new InvalidOperationException("No item was scored in both runs.");

        var random = new Random(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int k = 0; k < differences.Count; k++) sum += differences[random.Next(differences.Count)];
            means[r] = sum / differences.Count;
        }
        return new PairedComparisonResult(differences.Count, a.Count - differences.Count, differences.Average(),
            Bootstrap.Percentiles(means), aWins, bWins, ties);
    }
}
