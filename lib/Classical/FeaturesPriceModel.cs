using System.Globalization;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>
/// <c>features-lr</c>: the course's linear regression on four features from <c>details</c> (not clamped). Counts the
/// items whose features fell back to defaults, in training and in pricing.
/// </summary>
public sealed class FeaturesPriceModel(FeatureRegression regression) : IPriceModel
{
    private const string FileName = "features-lr.json";

    /// <summary>The fitted regression: coefficients, intercept and default weight and rank.</summary>
    public FeatureRegression Regression { get; } = regression;

    /// <summary>Defaults used while training.</summary>
    public FeatureFallbacks TrainingFallbacks { get; private init; } = new();

    /// <summary>Defaults used while pricing, since the model was made or loaded.</summary>
    public FeatureFallbacks PricingFallbacks { get; } = new();

    /// <summary>Fits on the training items.</summary>
    public static FeaturesPriceModel Fit(IReadOnlyList<Item> train)
    {
        var fallbacks = new FeatureFallbacks();
        return new FeaturesPriceModel(FeatureRegression.Fit(train, fallbacks)) { TrainingFallbacks = fallbacks };
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static FeaturesPriceModel Load(ModelFolder folder) => new(folder.ReadJson<FeatureRegression>(FileName));

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["intercept"] = Regression.Model.Intercept.ToString("R", CultureInfo.InvariantCulture),
        ["coefficients"] = string.Join(", ", ProductFeatures.Names.Zip(Regression.Model.Coefficients, (n, c) => $"{n} {c.ToString("R", CultureInfo.InvariantCulture)}")),
        ["averageWeight"] = Regression.AverageWeight.ToString("R", CultureInfo.InvariantCulture),
        ["averageRank"] = Regression.AverageRank.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items) => items.Select(i => Regression.Predict(i, PricingFallbacks)).ToArray();

    /// <inheritdoc/>
    public void Save(ModelFolder folder) => folder.WriteJson(FileName, Regression);

    /// <summary>
    /// What the course prints after fitting: each coefficient, the intercept, and the MSE and R² on
    /// <paramref name="test"/>.
    /// </summary>
    public FeaturesReport Report(IReadOnlyList<Item> test)
    {
        var guesses = Predict(test);
        var truths = test.Select(i => i.Price).ToArray();
        double mse = truths.Zip(guesses, (t, g) => (t - g) * (t - g)).DefaultIfEmpty(double.NaN).Average();
        double mean = truths.DefaultIfEmpty(double.NaN).Average();
        double total = truths.Sum(t => (t - mean) * (t - mean));
        double? r2 = total > 0 ? 1 - mse * truths.Length / total : null;
        var coefficients = ProductFeatures.Names.Zip(Regression.Model.Coefficients).ToDictionary(p => p.First, p => p.Second);
        return new FeaturesReport(coefficients, Regression.Model.Intercept, mse, r2);
    }
}

/// <summary>The course's printout of the features model.</summary>
/// <param name="Coefficients">Feature name → coefficient.</param>
/// <param name="Intercept">The intercept.</param>
/// <param name="MeanSquaredError">MSE on the items reported on.</param>
/// <param name="RSquared">R² on them; null when their prices do not vary.</param>
public sealed record FeaturesReport(IReadOnlyDictionary<string, double> Coefficients, double Intercept, double MeanSquaredError, double? RSquared)
{
    /// <summary>The course's lines: <c>weight: 0.12</c> …, <c>Intercept: …</c>, <c>Mean Squared Error: …</c>, <c>R-squared Score: …</c>.</summary>
    public override string ToString() => string.Join('\n',
        Coefficients.Select(c => $"{c.Key}: {Repr(c.Value)}")
            .Append($"Intercept: {Repr(Intercept)}")
            .Append($"Mean Squared Error: {Repr(MeanSquaredError)}")
            .Append($"R-squared Score: {(RSquared is { } r ? Repr(r) : "undefined")}"));

    private static string Repr(double value) => Data.Amazon.PythonJson.FloatRepr(value);
}
