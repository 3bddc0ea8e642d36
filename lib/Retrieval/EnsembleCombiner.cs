using PricerLib.Classical;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>How an ensemble turns its members' guesses into one price.</summary>
public enum EnsembleWeights
{
    /// <summary>2024 (<c>day2.4.ipynb</c>): least squares with an intercept on [members…, min, max], floored at 0.</summary>
    LeastSquares,

    /// <summary>2025 (<c>ensemble_agent.py</c> at 109b683e7): 0.8 × the RAG pricer + 0.1 × the specialist + 0.1 × the neural network.</summary>
    Course2025,
}

/// <summary>
/// An ensemble's weights, as saved in its <c>ensemble.json</c>: one coefficient per feature (each member's guess, then
/// <c>min</c> and <c>max</c> of them where <see cref="MinMax"/>) and an intercept.
/// </summary>
/// <param name="Method">How the weights were set: <c>least-squares</c> or <c>course-2025</c>.</param>
/// <param name="Features">The features' names, in order: the members' labels, then <c>min</c>, <c>max</c>.</param>
/// <param name="Coefficients">One per feature.</param>
/// <param name="Intercept">Added to the weighted sum.</param>
/// <param name="MinMax">True when the members' min and max are features.</param>
/// <param name="FloorAtZero">True when a negative combination is priced at 0.</param>
public sealed record EnsembleCombiner(string Method, IReadOnlyList<string> Features, IReadOnlyList<double> Coefficients, double Intercept, bool MinMax, bool FloorAtZero)
{
    /// <summary>The 2025 course's weights, in its order: frontier (RAG), specialist, neural network.</summary>
    public static IReadOnlyList<double> Course2025Weights { get; } = [0.8, 0.1, 0.1];

    /// <summary>
    /// The course's 2024 fit: scikit-learn's <c>LinearRegression()</c> (ordinary least squares with an intercept) on
    /// the rows [guesses…, min, max] against the true prices. The course's agent returns the regression as it is; this
    /// one floors it at 0 (a negative price is no guess), as the workbook's other linear pricers are clamped.
    /// </summary>
    public static EnsembleCombiner Fit(IReadOnlyList<string> members, IReadOnlyList<double[]> guesses, IReadOnlyList<double> prices)
    {
        if (guesses.Count < members.Count + 3)
            throw new PricerException($"The ensemble needs at least {members.Count + 3} fit items priced by every member to fit {members.Count + 2} weights and an intercept; it has {guesses.Count}.");
        var model = LeastSquares.Fit(guesses.Select(WithMinMax).ToList(), prices);
        return new EnsembleCombiner("least-squares", [.. members, "min", "max"], model.Coefficients, model.Intercept, MinMax: true, FloorAtZero: true);
    }

    /// <summary>The 2025 course's fixed weights over exactly three members: RAG, specialist, neural network.</summary>
    public static EnsembleCombiner Course2025(IReadOnlyList<string> members) => members.Count == Course2025Weights.Count
        ? new EnsembleCombiner("course-2025", members, Course2025Weights, 0, MinMax: false, FloorAtZero: false)
        : throw new PricerOptionException($"Pricer 'ensemble': --weights course-2025 combines exactly three members (the RAG pricer, the specialist, the neural network, in that order), not {members.Count}.");

    /// <summary>The price for one item's guesses, one per member in member order.</summary>
    public double Combine(IReadOnlyList<double> guesses)
    {
        var row = MinMax ? WithMinMax(guesses) : [.. guesses];
        if (row.Length != Coefficients.Count) throw new ArgumentException($"{guesses.Count} guesses for an ensemble of {Features.Count} features.", nameof(guesses));
        double sum = Intercept;
        for (int i = 0; i < row.Length; i++) sum += Coefficients[i] * row[i];
        return FloorAtZero ? Math.Max(0, sum) : sum;
    }

    private static double[] WithMinMax(IReadOnlyList<double> guesses) => [.. guesses, guesses.Min(), guesses.Max()];
}
