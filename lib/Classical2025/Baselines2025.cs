using System.Globalization;
using PricerLib.Classical;
using PricerLib.Data;
using PricerLib.Pricers;
using PricerLib.Text;

namespace PricerLib.Classical2025;

/// <summary>
/// <c>weight-lr</c>: the 2025 course's "Linear Regression" (<c>week6/day3.ipynb</c>): ordinary least squares on
/// <c>weight</c> (0 where unknown; a 2024 item's details' "Item Weight" where it has no weight of its own), <c>weight_unknown</c> (1 when the weight is 0) and <c>text_length</c> (characters
/// of the summary); not clamped, as the course's is not.
/// </summary>
/// <param name="Model">The regression on the three features.</param>
public sealed record WeightPriceModel(LinearModel Model) : IPriceModel
{
    private const string FileName = "weight-lr.json";

    /// <summary>The course's <c>get_features(item)</c>.</summary>
    public static double[] Features(Item item)
    {
        // A 2024 item has no parsed weight; its details' "Item Weight" stands in, as the 2025 parser reads it from there.
        double weight = item.Weight ?? (item.Details is null ? null : ProductFeatures.Of(item, new FeatureFallbacks()).Weight) ?? 0;
        return [weight, weight == 0 ? 1 : 0, PythonString.Length(ItemText2025.Of(item))];
    }

    /// <summary>Fits the regression on the training items.</summary>
    public static WeightPriceModel Fit(IReadOnlyList<Item> train) =>
        new(LeastSquares.Fit(train.Select(Features).ToList(), train.Select(i => i.Price).ToList()));

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static WeightPriceModel Load(ModelFolder folder) => folder.ReadJson<WeightPriceModel>(FileName);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["weight"] = Model.Coefficients[0].ToString("R", CultureInfo.InvariantCulture),
        ["weight_unknown"] = Model.Coefficients[1].ToString("R", CultureInfo.InvariantCulture),
        ["text_length"] = Model.Coefficients[2].ToString("R", CultureInfo.InvariantCulture),
        ["intercept"] = Model.Intercept.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items) => items.Select(i => Model.Predict(Features(i))).ToArray();

    /// <inheritdoc/>
    public void Save(ModelFolder folder) => folder.WriteJson(FileName, this);
}

/// <summary>
/// <c>nlp-lr</c>: the 2025 course's "NLP + LR": <c>CountVectorizer(max_features=2000, stop_words='english')</c> on the
/// summaries and <c>LinearRegression</c> on the counts, clamped at 0.
/// </summary>
/// <param name="Vocabulary">The vectorizer's terms, in column order.</param>
/// <param name="Model">The regression on their counts.</param>
public sealed record SummaryWordsPriceModel(IReadOnlyList<string> Vocabulary, LinearModel Model) : IPriceModel
{
    private const string FileName = "nlp-lr.json";

    /// <summary>The course's vocabulary size for the 2025 baselines.</summary>
    public const int CourseVocabulary = 2000;

    private CountVectorizer Vectorizer { get; } = new(Vocabulary);

    /// <summary>Fits the vocabulary and the regression on the training items' summaries.</summary>
    public static SummaryWordsPriceModel Fit(IReadOnlyList<Item> train)
    {
        var vectorizer = SummaryCounts.Fit(train);
        var rows = SummaryCounts.Rows(vectorizer, train);
        LinearModel model;
        using (TrainingPhases.Measure("least squares")) model = LeastSquares.Fit(rows, vectorizer.Vocabulary.Count, train.Select(i => i.Price).ToList());
        return new SummaryWordsPriceModel(vectorizer.Vocabulary, model);
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static SummaryWordsPriceModel Load(ModelFolder folder) => folder.ReadJson<SummaryWordsPriceModel>(FileName);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["vocabulary"] = Vocabulary.Count.ToString(CultureInfo.InvariantCulture),
        ["intercept"] = Model.Intercept.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items) =>
        SummaryCounts.Rows(Vectorizer, items).Select(row => Math.Max(0, Model.Predict(row))).ToArray();

    /// <inheritdoc/>
    public void Save(ModelFolder folder) => folder.WriteJson(FileName, this);
}

/// <summary>The 2,000-word counts of the summaries that <c>nlp-lr</c>, <c>forest</c> and <c>gbdt</c> share.</summary>
internal static class SummaryCounts
{
    public static CountVectorizer Fit(IReadOnlyList<Item> train)
    {
        if (train.Count == 0) throw new ArgumentException("A 2025 baseline needs at least one training item.", nameof(train));
        using (TrainingPhases.Measure("vocabulary"))
            return CountVectorizer.Fit(train.Select(ItemText2025.Of), SummaryWordsPriceModel.CourseVocabulary);
    }

    public static List<SparseVector> Rows(CountVectorizer vectorizer, IReadOnlyList<Item> items)
    {
        using (TrainingPhases.Measure("counts"))
            return items.AsParallel().AsOrdered().Select(i => vectorizer.Transform(ItemText2025.Of(i))).ToList();
    }

    public static List<float[]> Dense(CountVectorizer vectorizer, IReadOnlyList<Item> items) =>
        Rows(vectorizer, items).Select(r => r.ToDense(vectorizer.Vocabulary.Count)).ToList();
}

/// <summary>
/// <c>forest</c> and <c>gbdt</c>: the 2025 course's "Random Forest" (<c>RandomForestRegressor(n_estimators=100)</c>
/// on the first 15,000 items' 2,000-word counts) and "XGBoost" (<c>XGBRegressor(n_estimators=1000,
/// learning_rate=0.1)</c> on all of them), both grown by LightGBM (<see cref="LightGbmForest"/>: its random-forest
/// booster, and gbdt in XGBoost's place, which has no .NET port here); clamped at 0.
/// </summary>
public sealed class SummaryTreesPriceModel : IPriceModel
{
    /// <summary>The course's forest subset.</summary>
    public const int ForestSubset = 15_000;

    private const string StateFile = "trees.json";
    private const string TreesFile = "trees.txt";

    private readonly CountVectorizer vectorizer;
    private readonly LightGbmForest trees;
    private readonly TreesState state;

    private SummaryTreesPriceModel(CountVectorizer vectorizer, LightGbmForest trees, TreesState state) =>
        (this.vectorizer, this.trees, this.state) = (vectorizer, trees, state);

    /// <summary>What a saved model keeps beside LightGBM's text model.</summary>
    /// <param name="Vocabulary">The vectorizer's terms.</param>
    /// <param name="Settings">The booster's settings.</param>
    /// <param name="Offset">The mean training price the trees' answers are added to.</param>
    /// <param name="Items">Items the trees were grown on.</param>
    public sealed record TreesState(IReadOnlyList<string> Vocabulary, ForestSettings Settings, double Offset, int Items);

    /// <summary>The course's random forest: 100 trees on the first 15,000 items.</summary>
    public static ForestSettings CourseForest { get; } = new() { Trees = 100 };

    /// <summary>The course's XGBoost, as LightGBM gbdt: 1,000 rounds at learning rate 0.1.</summary>
    public static ForestSettings CourseBoosting { get; } = new() { Boosting = "gbdt", Trees = 1000, LearningRate = 0.1, Leaves = 64 };

    /// <summary>
    /// Grows the trees on the items' counts (a forest on the first <paramref name="forestSubset"/> items only, the
    /// vocabulary on all of them, as the course fits its vectorizer before taking <c>X[:subset]</c>).
    /// </summary>
    public static SummaryTreesPriceModel Fit(IReadOnlyList<Item> train, ForestSettings settings, int seed, CancellationToken cancellationToken = default,
        int forestSubset = ForestSubset)
    {
        var vectorizer = SummaryCounts.Fit(train);
        var used = settings.Boosting == "rf" && train.Count > forestSubset ? train.Take(forestSubset).ToList() : train;
        var rows = SummaryCounts.Dense(vectorizer, used);
        LightGbmForest trees;
        using (TrainingPhases.Measure(settings.Boosting == "rf" ? "forest" : "boosting"))
            trees = LightGbmForest.Fit(rows, used.Select(i => i.Price).ToList(), settings, seed, cancellationToken);
        return new SummaryTreesPriceModel(vectorizer, trees, new TreesState(vectorizer.Vocabulary, settings, trees.Offset, used.Count));
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static SummaryTreesPriceModel Load(ModelFolder folder)
    {
        var state = folder.ReadJson<TreesState>(StateFile);
        var trees = LightGbmForest.Load(ModelFiles.Existing(folder, TreesFile), state.Vocabulary.Count, state.Offset);
        return new SummaryTreesPriceModel(new CountVectorizer(state.Vocabulary), trees, state);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["boosting"] = state.Settings.Boosting,
        ["trees"] = state.Settings.Trees.ToString(CultureInfo.InvariantCulture),
        ["vocabulary"] = state.Vocabulary.Count.ToString(CultureInfo.InvariantCulture),
        ["items"] = state.Items.ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items) =>
        trees.Predict(SummaryCounts.Dense(vectorizer, items)).Select(p => Math.Max(0, p)).ToArray();

    /// <inheritdoc/>
    public void Save(ModelFolder folder)
    {
        folder.WriteJson(StateFile, state);
        trees.Save(folder.File(TreesFile));
    }
}
