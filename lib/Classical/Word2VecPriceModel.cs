using System.Globalization;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>The regressor a word2vec pricer puts on the document vectors.</summary>
public enum VectorRegressor
{
    /// <summary><c>word2vec-lr</c>: least squares.</summary>
    LinearRegression,
    /// <summary><c>word2vec-svr</c>: linear SVR (epsilon-insensitive loss).</summary>
    LinearSvr,
    /// <summary><c>word2vec-rf</c>: a random forest of 100 trees (LightGBM's random-forest booster).</summary>
    RandomForest,
}

/// <summary>
/// The course's word2vec pricers: the mean word2vec vector of a test prompt's <c>simple_preprocess</c> tokens, then
/// least squares, a linear SVR or a random forest, clamped at 0.
/// </summary>
public sealed class Word2VecPriceModel : IPriceModel
{
    private const string VectorsFile = "word2vec.w2v";
    private const string LinearFile = "regressor.json";
    private const string ForestFile = "forest.txt";
    private const string ForestSettingsFile = "forest.json";
    private readonly LinearModel? linear;
    private readonly LightGbmForest? forest;

    private Word2VecPriceModel(VectorRegressor regressor, WordVectors vectors, ForestSettings forestSettings, LinearModel? linear, LightGbmForest? forest)
    {
        Regressor = regressor;
        Vectors = vectors;
        Forest = forestSettings;
        this.linear = linear;
        this.forest = forest;
    }

    /// <summary>Which regressor sits on the vectors.</summary>
    public VectorRegressor Regressor { get; }

    /// <summary>The word vectors.</summary>
    public WordVectors Vectors { get; }

    /// <summary>The forest's settings (used by <see cref="VectorRegressor.RandomForest"/> only).</summary>
    public ForestSettings Forest { get; }

    /// <summary>Fits the regressor on the document vectors of the training items, from their <see cref="Documents"/> (tokenized once, for word2vec and here).</summary>
    public static Word2VecPriceModel Fit(IReadOnlyList<Item> train, IReadOnlyList<IReadOnlyList<string>> documents, VectorRegressor regressor,
        WordVectors vectors, ForestSettings forest, int seed, CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new ArgumentException("Word2vec pricers need at least one training item.", nameof(train));
        if (documents.Count != train.Count) throw new ArgumentException($"{documents.Count} documents for {train.Count} training items.", nameof(documents));
        if (regressor == VectorRegressor.RandomForest) ClassicalTrainingException.RequireForTrees("word2vec-rf", train.Count);
        List<float[]> rows;
        using (TrainingPhases.Measure("document vectors")) rows = DocumentVectors(vectors, documents);
        var prices = train.Select(i => i.Price).ToList();
        using var phase = TrainingPhases.Measure(regressor switch
        {
            VectorRegressor.LinearRegression => "least squares",
            VectorRegressor.LinearSvr => "linear SVR",
            _ => "random forest",
        });
        return regressor switch
        {
            VectorRegressor.LinearRegression => new(regressor, vectors, forest, LeastSquares.Fit(rows, prices), null),
            VectorRegressor.LinearSvr => new(regressor, vectors, forest, LinearSvr.Fit(rows, prices, seed: seed), null),
            _ => new(regressor, vectors, forest, null, LightGbmForest.Fit(rows, prices, forest, seed, cancellationToken)),
        };
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static Word2VecPriceModel Load(ModelFolder folder, VectorRegressor regressor)
    {
        var vectors = ModelFiles.ReadVectors(folder, VectorsFile);
        var forest = folder.ReadJson<ForestState>(ForestSettingsFile);
        return regressor == VectorRegressor.RandomForest
            ? new(regressor, vectors, forest.Settings, null, LightGbmForest.Load(ModelFiles.Existing(folder, ForestFile), vectors.Dimensions, forest.Offset))
            : new(regressor, vectors, forest.Settings, folder.ReadJson<LinearModel>(LinearFile), null);
    }

    /// <summary>The course's <c>document_vector</c> of each document (an item's test prompt as <see cref="Documents"/> splits it).</summary>
    public static List<float[]> DocumentVectors(WordVectors vectors, IReadOnlyList<IReadOnlyList<string>> documents) =>
        documents.AsParallel().AsOrdered().Select(vectors.DocumentVector).ToList();

    /// <summary>The documents word2vec trains on: the training items' test prompts as <c>simple_preprocess</c> tokens.</summary>
    public static List<IReadOnlyList<string>> Documents(IReadOnlyList<Item> items) =>
        items.AsParallel().AsOrdered().Select(i => (IReadOnlyList<string>)PythonTokens.SimplePreprocess(i.TestPrompt)).ToList();

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var parameters = new Dictionary<string, string>
            {
                ["vocabulary"] = Vectors.Words.Count.ToString(CultureInfo.InvariantCulture),
                ["dimensions"] = Vectors.Dimensions.ToString(CultureInfo.InvariantCulture),
            };
            if (Regressor == VectorRegressor.RandomForest) parameters["forest"] = Forest.ToString();
            return parameters;
        }
    }

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items)
    {
        var rows = DocumentVectors(Vectors, Documents(items));
        var raw = forest is not null ? forest.Predict(rows) : rows.Select(r => linear!.Predict(r)).ToArray();
        return raw.Select(p => Math.Max(0, p)).ToArray();
    }

    /// <inheritdoc/>
    public void Save(ModelFolder folder)
    {
        ModelFiles.WriteVectors(folder, VectorsFile, Vectors);
        folder.WriteJson(ForestSettingsFile, new ForestState(Forest, forest?.Offset ?? 0));
        if (linear is not null) folder.WriteJson(LinearFile, linear);
        forest?.Save(folder.File(ForestFile));
    }
}

/// <summary>What a word2vec model folder keeps of its forest: the settings, and the mean price the trees add to.</summary>
public sealed record ForestState(ForestSettings Settings, double Offset);

/// <summary>
/// Random-forest settings for <c>word2vec-rf</c>, grown by LightGBM's random-forest booster (<see cref="LightGbmForest"/>).
/// scikit-learn's <c>RandomForestRegressor(n_estimators=100)</c> grows each tree on a bootstrap sample (drawn with
/// replacement, so about 63.2% distinct items) until its leaves are pure, trying every feature at each split.
/// LightGBM bins each feature into at most <see cref="MaxBin"/> values, samples items without replacement and grows a tree leaf by
/// leaf up to a leaf budget: so each tree here sees 63.2% of the items once each and tries every feature. The budget
/// (256 leaves of at least 10 items) was chosen on a validation split of the training items (8,455 fitted, 940
/// validated, of the seeded 90% of the shared items): 10 items per leaf beat 1, 5 and 20, and 1,024 leaves cost 2.5×
/// the time for no gain. Each tree sees at most <see cref="MaxItemsPerTree"/> items (as scikit-learn's
/// <c>max_samples</c>), which bounds a tree's cost at 400,000 training items. ML.NET's FastForest, used before,
/// took 2.6× as long on that split for an error $2.45 higher.
/// </summary>
public sealed record ForestSettings
{
    /// <summary>Trees in the forest.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Most leaves per tree.</summary>
    public int Leaves { get; init; } = 256;

    /// <summary>Fewest training items in a leaf.</summary>
    public int MinimumItemsPerLeaf { get; init; } = 10;

    /// <summary>Share of the items each tree sees: the distinct share of a bootstrap sample.</summary>
    public double BaggingFraction { get; init; } = 0.632;

    /// <summary>Most items one tree sees: the bagging fraction shrinks below <see cref="BaggingFraction"/> beyond it.</summary>
    public int MaxItemsPerTree { get; init; } = 20_000;

    /// <summary>Most bins per feature (<c>rf</c> only): LightGBM compares every bin of every feature at each split.</summary>
    public int MaxBin { get; init; } = 255;

    /// <summary>
    /// <see cref="MaxBin"/> for word vectors: chosen on training items only (the accuracy test's seeded 90% of the shared
    /// items; the last 940 validated, the forest fitted on the first 3,000 or 8,455), two forest seeds each. At 3,000
    /// items 255 bins gave a mean error of $65.09 in 6.9 s, 63 bins $65.09 in 2.5 s, 31 bins $65.27, 127 bins $65.38;
    /// at 8,455 items 255 bins $54.66 in 15.3 s, 63 bins $54.69 in 6.2 s. (Features tried per split, 0.5 or 0.33 of
    /// them, saved no time: LightGBM still builds every feature's histogram.)
    /// </summary>
    public const int WordVectorBins = 63;

    /// <summary>Threads; null lets LightGBM use every core.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// LightGBM's booster: <c>rf</c>, a random forest, or <c>gbdt</c>, gradient boosting with
    /// <see cref="LearningRate"/> and XGBoost's defaults (depth 6, min child weight 1, L2 1, no subsampling), the stand-in
    /// for the 2025 course's <c>XGBRegressor</c>, which has no .NET port here.
    /// </summary>
    public string Boosting { get; init; } = "rf";

    /// <summary>Shrinkage per boosting round (<c>gbdt</c> only).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>LightGBM's parameters for these settings, for <paramref name="items"/> training items.</summary>
    public string Parameters(int items, int seed) => Boosting == "gbdt"
        ? string.Create(CultureInfo.InvariantCulture,
            $"boosting=gbdt objective=regression learning_rate={LearningRate:R} num_leaves={Leaves} max_depth=6 min_data_in_leaf=1 " +
            $"min_sum_hessian_in_leaf=1 lambda_l2=1 bagging_fraction=1 bagging_freq=0 feature_fraction=1 " +
            $"max_bin=255 min_data_in_bin=1 seed={seed} deterministic=true force_col_wise=true num_threads={Threads ?? 0} verbosity=-1")
        : string.Create(CultureInfo.InvariantCulture,
        $"boosting=rf objective=regression num_leaves={Leaves} min_data_in_leaf={MinimumItemsPerLeaf} min_sum_hessian_in_leaf=0 " +
        $"bagging_fraction={Math.Min(BaggingFraction, (double)MaxItemsPerTree / Math.Max(1, items)):R} bagging_freq=1 feature_fraction=1 " +
        $"max_bin={MaxBin} min_data_in_bin=1 seed={seed} deterministic=true force_col_wise=true num_threads={Threads ?? 0} verbosity=-1");
}
