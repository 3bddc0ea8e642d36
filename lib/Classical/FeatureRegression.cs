using PricerLib.Data;

namespace PricerLib.Classical;

/// <summary>
/// The course's features model: <c>LinearRegression</c> on weight, rank, text length and top-brand flag, with the
/// training means standing in for missing weights and ranks. Not clamped, as the course's (it can guess below 0).
/// </summary>
/// <param name="AverageWeight">Mean of the training items' weights where known (the course's <c>average_weight</c>).</param>
/// <param name="AverageRank">Mean of the training items' ranks where known (<c>average_rank</c>).</param>
/// <param name="Model">The fitted coefficients, in <see cref="ProductFeatures.Names"/> order, and intercept.</param>
public sealed record FeatureRegression(double AverageWeight, double AverageRank, LinearModel Model)
{
    /// <summary>Fits on <paramref name="train"/>; <paramref name="fallbacks"/> counts the training items' defaults.</summary>
    public static FeatureRegression Fit(IReadOnlyList<Item> train, FeatureFallbacks fallbacks)
    {
        if (train.Count == 0) throw new ArgumentException("The features model needs at least one training item.", nameof(train));
        var features = train.AsParallel().AsOrdered().Select(i => ProductFeatures.Of(i, fallbacks)).ToList();
        // Where no training item has a weight (or rank) the course would divide by zero; 0 keeps the column constant.
        double averageWeight = MeanOrZero(features.Select(f => f.Weight));
        double averageRank = MeanOrZero(features.Select(f => f.Rank));
        var rows = features.Select(f => Row(f, averageWeight, averageRank)).ToList();
        var model = LeastSquares.Fit(rows, train.Select(i => i.Price).ToList());
        return new FeatureRegression(averageWeight, averageRank, model);
    }

    /// <summary>The four feature values of an item, defaults filled in, as the model sees them.</summary>
    public double[] Row(Item item, FeatureFallbacks fallbacks) => Row(ProductFeatures.Of(item, fallbacks), AverageWeight, AverageRank);

    /// <summary>The model's guess (not clamped).</summary>
    public double Predict(Item item, FeatureFallbacks fallbacks) => Model.Predict(Row(item, fallbacks));

    private static double[] Row(ProductFeatures f, double averageWeight, double averageRank) =>
        [f.Weight ?? averageWeight, f.Rank ?? averageRank, f.TextLength, f.TopElectronicsBrand ? 1 : 0];

    private static double MeanOrZero(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToList();
        return known.Count == 0 ? 0 : known.Average();
    }
}
