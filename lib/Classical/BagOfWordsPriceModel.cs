using System.Globalization;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>
/// <c>bow-lr</c>: the course's <c>CountVectorizer(max_features=1000, stop_words='english')</c> on the test prompts and
/// <c>LinearRegression</c> on the raw counts, clamped at 0. A prompt with no known word prices at the intercept.
/// </summary>
/// <param name="Vocabulary">The vectorizer's terms, in column order.</param>
/// <param name="Model">The regression on their counts.</param>
public sealed record BagOfWordsPriceModel(IReadOnlyList<string> Vocabulary, LinearModel Model) : IPriceModel
{
    private const string FileName = "bow-lr.json";
    private CountVectorizer Vectorizer { get; } = new(Vocabulary);

    /// <summary>Fits the vocabulary and the regression on the training items' test prompts.</summary>
    public static BagOfWordsPriceModel Fit(IReadOnlyList<Item> train, int maxFeatures = 1000)
    {
        if (train.Count == 0) throw new ArgumentException("Bag of words needs at least one training item.", nameof(train));
        CountVectorizer vectorizer;
        using (TrainingPhases.Measure("vocabulary")) vectorizer = CountVectorizer.Fit(train.Select(i => i.TestPrompt), maxFeatures);
        List<SparseVector> rows;
        using (TrainingPhases.Measure("counts")) rows = train.AsParallel().AsOrdered().Select(i => vectorizer.Transform(i.TestPrompt)).ToList();
        LinearModel model;
        using (TrainingPhases.Measure("least squares")) model = LeastSquares.Fit(rows, vectorizer.Vocabulary.Count, train.Select(i => i.Price).ToList());
        return new BagOfWordsPriceModel(vectorizer.Vocabulary, model);
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static BagOfWordsPriceModel Load(ModelFolder folder)
    {
        var model = folder.ReadJson<BagOfWordsPriceModel>(FileName);
        if (model.Vocabulary.Count != model.Model.Coefficients.Length)
            throw new TrainedModelException($"{folder.Path}: {model.Vocabulary.Count} terms but {model.Model.Coefficients.Length} coefficients.");
        return model;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["vocabulary"] = Vocabulary.Count.ToString(CultureInfo.InvariantCulture),
        ["intercept"] = Model.Intercept.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items) =>
        items.AsParallel().AsOrdered().Select(i => Math.Max(0, Model.Predict(Vectorizer.Transform(i.TestPrompt)))).ToArray();

    /// <inheritdoc/>
    public void Save(ModelFolder folder) => folder.WriteJson(FileName, this);
}
