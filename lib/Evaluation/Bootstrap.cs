namespace PricerLib.Evaluation;

/// <summary>Percentile-bootstrap 95% intervals of a run's three headline figures.</summary>
public sealed record BootstrapIntervals(Interval Error, Interval Rmsle, Interval HitsPercent, int Resamples, int Seed);

/// <summary>
/// Bootstrap resampling of scored items. Hand-written because it is a few lines over our own item type; the
/// resampling uses a seeded <see cref="Random"/>, so the same items and seed give the same intervals.
/// </summary>
public static class Bootstrap
{
    /// <summary>The course's 250 items make many rankings a matter of noise; 2,000 resamples make the interval ends stable.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Intervals of mean error, RMSLE and hits over the scored items (failed ones excluded).</summary>
    public static BootstrapIntervals Compute(IReadOnlyList<ItemResult> items, int resamples = DefaultResamples, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var scored = items.Where(i => !i.Failed).ToArray();
        if (scored.Length == 0) throw new InvalidOperationException("No scored items to resample.");

        var random = new Random(seed);
        var errors = new double[resamples];
        var rmsles = new double[resamples];
        var hits = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double error = 0, sle = 0, green = 0;
            for (int k = 0; k < scored.Length; k++)
            {
                var item = scored[random.Next(scored.Length)];
                error += item.Error!.Value;
                sle += item.Sle!.Value;
                if (item.Color == HitColor.Green) green++;
            }
            errors[r] = error / scored.Length;
            rmsles[r] = Math.Sqrt(sle / scored.Length);
            hits[r] = 100 * green / scored.Length;
        }
        return new BootstrapIntervals(Percentiles(errors), Percentiles(rmsles), Percentiles(hits), resamples, seed);
    }

    /// <summary>The 2.5th and 97.5th percentiles of <paramref name="samples"/>.</summary>
    internal static Interval Percentiles(double[] samples) => new(
        MathNet.Numerics.Statistics.Statistics.Quantile(samples, 0.025),
        MathNet.Numerics.Statistics.Statistics.Quantile(samples, 0.975));
}
