using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
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
    /// <summary><c>word2vec-rf</c>: a random forest of 100 trees (ML.NET FastForest).</summary>
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
    private const string ForestFile = "forest.zip";
    private const string ForestSettingsFile = "forest.json";
    private readonly LinearModel? linear;
    private readonly MlNetRegressor? forest;

    private Word2VecPriceModel(VectorRegressor regressor, WordVectors vectors, ForestSettings forestSettings, LinearModel? linear, MlNetRegressor? forest)
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

    /// <summary>Fits the regressor on the document vectors of the training items.</summary>
    public static Word2VecPriceModel Fit(IReadOnlyList<Item> train, VectorRegressor regressor, WordVectors vectors, ForestSettings forest, int seed)
    {
        if (train.Count == 0) throw new ArgumentException("Word2vec pricers need at least one training item.", nameof(train));
        if (regressor == VectorRegressor.RandomForest) ClassicalTrainingException.RequireForTrees("word2vec-rf", train.Count);
        List<float[]> rows;
        using (TrainingPhases.Measure("document vectors")) rows = DocumentVectors(vectors, train);
        var prices = train.Select(i => i.Price).ToList();
        using var phase = TrainingPhases.Measure(regressor switch
        {
            VectorRegressor.LinearRegression => "least squares",
            VectorRegressor.LinearSvr => "linear SVR",
            _ => "FastForest",
        });
        return regressor switch
        {
            VectorRegressor.LinearRegression => new(regressor, vectors, forest, LeastSquares.Fit(rows, prices), null),
            VectorRegressor.LinearSvr => new(regressor, vectors, forest, LinearSvr.Fit(rows, prices, seed: seed), null),
            _ => new(regressor, vectors, forest, null, MlNetRegressor.Fit(rows, prices, seed, context => forest.Trainer(context, rows.Count))),
        };
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    public static Word2VecPriceModel Load(ModelFolder folder, VectorRegressor regressor)
    {
        var vectors = ModelFiles.ReadVectors(folder, VectorsFile);
        var forest = folder.ReadJson<ForestSettings>(ForestSettingsFile);
        return regressor == VectorRegressor.RandomForest
            ? new(regressor, vectors, forest, null, MlNetRegressor.Load(ModelFiles.Existing(folder, ForestFile), vectors.Dimensions))
            : new(regressor, vectors, forest, folder.ReadJson<LinearModel>(LinearFile), null);
    }

    /// <summary>The course's <c>document_vector</c> of each item's test prompt.</summary>
    public static List<float[]> DocumentVectors(WordVectors vectors, IReadOnlyList<Item> items) =>
        items.AsParallel().AsOrdered().Select(i => vectors.DocumentVector(PythonTokens.SimplePreprocess(i.TestPrompt))).ToList();

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
        var rows = DocumentVectors(Vectors, items);
        var raw = forest is not null ? forest.Predict(rows) : rows.Select(r => linear!.Predict(r)).ToArray();
        return raw.Select(p => Math.Max(0, p)).ToArray();
    }

    /// <inheritdoc/>
    public void Save(ModelFolder folder)
    {
        ModelFiles.WriteVectors(folder, VectorsFile, Vectors);
        folder.WriteJson(ForestSettingsFile, Forest);
        if (linear is not null) folder.WriteJson(LinearFile, linear);
        forest?.Save(folder.File(ForestFile));
    }
}

/// <summary>
/// ML.NET FastForest settings for <c>word2vec-rf</c>. scikit-learn's <c>RandomForestRegressor(n_estimators=100)</c>
/// grows each tree on a bootstrap sample until its leaves are pure, trying every feature at each split; FastForest
/// bins each feature into at most 255 values and grows a fixed number of leaves. The defaults here (100 trees, up to
/// 256 leaves, 2 items per leaf, every feature considered, 70% of the items per tree without replacement) come near
/// deep trees at a cost a laptop can wait for: on 9,395 shared items 1,024 leaves took 11× as long as 256 for an
/// average error only $0.51 lower. Each tree sees at most <see cref="MaxItemsPerTree"/> items (as scikit-learn's
/// <c>max_samples</c>): at 400,000 items, trees on 70% of them would take the better part of an hour on 2 cores.
/// </summary>
public sealed record ForestSettings
{
    /// <summary>Trees in the forest.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Most leaves per tree.</summary>
    public int Leaves { get; init; } = 256;

    /// <summary>Fewest training items in a leaf.</summary>
    public int MinimumItemsPerLeaf { get; init; } = 2;

    /// <summary>Share of the items each tree sees.</summary>
    public double BaggingFraction { get; init; } = 0.7;

    /// <summary>Most items one tree sees: the bagging fraction shrinks below <see cref="BaggingFraction"/> beyond it.</summary>
    public int MaxItemsPerTree { get; init; } = 20_000;

    /// <summary>Threads; null lets ML.NET use every core.</summary>
    public int? Threads { get; init; }

    /// <summary>The FastForest trainer with these settings, for <paramref name="items"/> training items.</summary>
    public IEstimator<Microsoft.ML.ITransformer> Trainer(MLContext context, int items) => context.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
    {
        NumberOfTrees = Trees,
        NumberOfLeaves = Leaves,
        MinimumExampleCountPerLeaf = MinimumItemsPerLeaf,
        FeatureFraction = 1.0,
        BaggingExampleFraction = Math.Min(BaggingFraction, (double)MaxItemsPerTree / Math.Max(1, items)),
        NumberOfThreads = Threads,
        LabelColumnName = "Label",
        FeatureColumnName = "Features",
    });
}
