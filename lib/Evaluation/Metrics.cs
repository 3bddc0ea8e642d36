using System.Text.Json.Nodes;
using MathNet.Numerics.Distributions;

namespace PricerLib.Evaluation;

/// <summary>A two-sided interval, e.g. a 95% confidence interval.</summary>
public sealed record Interval(double Low, double High)
{
    /// <summary>True when <paramref name="value"/> lies within the interval (ends included).</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>
/// A run's summary over its scored items (failed items are counted in <see cref="Failed"/> and excluded).
/// </summary>
/// <param name="Count">Items scored.</param>
/// <param name="Failed">Items that could not be scored.</param>
/// <param name="Error">Mean absolute error in dollars (the course's "Error").</param>
/// <param name="Rmsle">sqrt(mean SLE) (the course's "RMSLE").</param>
/// <param name="HitsPercent">Share of green items among the scored ones, 0–100 (the course's "Hits").</param>
/// <param name="Mse">Mean squared error in dollars².</param>
/// <param name="R2">Coefficient of determination 1 − SS_res/SS_tot (sklearn's <c>r2_score(truths, guesses)</c>) as a
/// fraction; null where undefined: fewer than two items or truths without variance (sklearn would return 0 or 1).</param>
/// <param name="ErrorCi">95% confidence interval of the mean error from Student's t with n − 1 degrees of freedom,
/// its lower end floored at 0 (a mean absolute error is never negative); null for a single item.</param>
public sealed record Metrics(int Count, int Failed, double Error, double Rmsle, double HitsPercent, double Mse, double? R2, Interval? ErrorCi)
{
    /// <summary>Computes the summary; throws when no item could be scored, since every average would be undefined.</summary>
    public static Metrics Compute(IReadOnlyList<ItemResult> items)
    {
        var scored = items.Where(i => !i.Failed).ToList();
        int failed = items.Count - scored.Count;
        if (scored.Count == 0)
            throw new NothingScoredException(items.Count == 0
                ? "There are no items to score."
                : $"None of the {items.Count} items could be scored; first reason: {items[0].FailedReason}");

        var errors = scored.Select(i => i.Error!.Value).ToArray();
        double meanTruth = scored.Average(i => i.Truth);
        double ssTotal = scored.Sum(i => (i.Truth - meanTruth) * (i.Truth - meanTruth));
        double ssResidual = scored.Sum(i => (i.Guess!.Value - i.Truth) * (i.Guess!.Value - i.Truth));
        return new Metrics(
            Count: scored.Count,
            Failed: failed,
            Error: errors.Average(),
            Rmsle: Math.Sqrt(scored.Average(i => i.Sle!.Value)),
            HitsPercent: 100.0 * scored.Count(i => i.Color == HitColor.Green) / scored.Count,
            Mse: ssResidual / scored.Count,
            R2: scored.Count < 2 || ssTotal == 0 ? null : 1 - ssResidual / ssTotal,
            ErrorCi: MeanInterval(errors) is { } ci ? ci with { Low = Math.Max(0, ci.Low) } : null);
    }

    /// <summary>The 95% Student-t interval of the mean of <paramref name="values"/>; null for fewer than two.</summary>
    public static Interval? MeanInterval(IReadOnlyList<double> values, double level = 0.95)
    {
        if (values.Count < 2) return null;
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        double half = StudentT.InvCDF(0, 1, values.Count - 1, 0.5 + level / 2) * sd / Math.Sqrt(values.Count);
        return new Interval(mean - half, mean + half);
    }

    /// <summary>
    /// The machine-readable summary shared by <c>pricer score --json</c> and <c>pricer evaluate --json</c>:
    /// count, failed, error, rmsle, hits (percent), mse, r2 (fraction or null) and the error's 95% t interval.
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["count"] = Count,
        ["failed"] = Failed,
        ["error"] = Finite(Error),
        ["rmsle"] = Finite(Rmsle),
        ["hits"] = Finite(HitsPercent),
        ["mse"] = Finite(Mse),
        ["r2"] = Finite(R2),
        ["errorCiLow"] = Finite(ErrorCi?.Low),
        ["errorCiHigh"] = Finite(ErrorCi?.High),
    };

    /// <summary>The names of the metrics that are not finite numbers (an overflow), for a warning; empty when all are.</summary>
    public IReadOnlyList<string> NonFinite() =>
        new (string Name, double? Value)[] { ("error", Error), ("rmsle", Rmsle), ("hits", HitsPercent), ("mse", Mse), ("r2", R2) }
            .Where(m => m.Value is { } v && !double.IsFinite(v)).Select(m => m.Name).ToList();

    // JSON has no ∞ or NaN: a metric that overflowed is written as null (unknown) rather than failing the whole output.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

/// <summary>A run in which no item could be scored, so no metric exists; the message gives the first item's reason.</summary>
public sealed class NothingScoredException(string message) : PricerException(message);
