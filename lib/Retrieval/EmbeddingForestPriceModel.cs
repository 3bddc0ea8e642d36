using System.Globalization;
using PricerLib.Classical;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>
/// <c>embedding-rf</c>, the course's week 8 random forest: all-MiniLM-L6-v2 vectors of the training items' documents,
/// a forest of 100 trees (seed 42) on them, the guess clamped at 0 (<c>random_forest_agent.py</c>).
/// </summary>
/// <remarks>
/// The course fits scikit-learn's <c>RandomForestRegressor</c> on the Chroma store's vectors; here the forest is
/// LightGBM's random-forest booster (<see cref="LightGbmForest"/>, as <c>word2vec-rf</c>), whose trees are binned and
/// leaf-limited (<see cref="ForestSettings"/>), so its guesses differ from scikit-learn's in detail.
/// </remarks>
public sealed class EmbeddingForestPriceModel : IPriceModel
{
    private const string ForestFile = "forest.txt";
    private const string ForestStateFile = "forest.json";
    private const string EmbedderFile = "embedder.json";
    private readonly LightGbmForest _forest;
    private readonly SentenceEmbedder _embedder;

    private EmbeddingForestPriceModel(LightGbmForest forest, ForestSettings settings, SentenceEmbedder embedder)
    {
        _forest = forest;
        Forest = settings;
        _embedder = embedder;
    }

    /// <summary>The forest's settings.</summary>
    public ForestSettings Forest { get; }

    /// <summary>What a model folder records of the embedder, so that a model is never used with vectors of another.</summary>
    private sealed record EmbedderRecord(string Model, string Sha256);

    /// <summary>
    /// Fits the forest on the training items' vectors: taken from <paramref name="store"/> where it holds exactly these
    /// items' documents in order (the course trains on its store), else embedded here.
    /// </summary>
    public static EmbeddingForestPriceModel Fit(IReadOnlyList<Item> train, SentenceEmbedder embedder, ForestSettings settings, int seed,
        VectorStore? store = null, CancellationToken cancellationToken = default)
    {
        ClassicalTrainingException.RequireForTrees("embedding-rf", train.Count);
        IReadOnlyList<float[]> rows;
        using (TrainingPhases.Measure("embeddings"))
            rows = store is not null && Holds(store, train)
                ? Enumerable.Range(0, store.Count).Select(r => store.Vector(r).ToArray()).ToList()
                : embedder.Embed(train.Select(ItemDocuments.Of).ToList(), cancellationToken: cancellationToken);
        LightGbmForest forest;
        using (TrainingPhases.Measure("random forest"))
            forest = LightGbmForest.Fit(rows, train.Select(i => i.Price).ToList(), settings, seed, cancellationToken);
        return new EmbeddingForestPriceModel(forest, settings, embedder);
    }

    /// <summary>Reads a model saved by <see cref="Save"/>, with <paramref name="embedder"/> (which must be the model it was trained with).</summary>
    /// <exception cref="TrainedModelException">Files missing, or trained on another embedding model's vectors.</exception>
    public static EmbeddingForestPriceModel Load(ModelFolder folder, SentenceEmbedder embedder)
    {
        var record = folder.ReadJson<EmbedderRecord>(EmbedderFile);
        if (record.Sha256 != embedder.Model.Sha256)
            throw new TrainedModelException($"{folder.Path} was trained on vectors of another embedding model ({record.Model}, ONNX {record.Sha256[..12]}…) than the one loaded ({embedder.Model.Sha256[..12]}…).");
        var state = folder.ReadJson<ForestState>(ForestStateFile);
        var forest = LightGbmForest.Load(ModelFiles.Existing(folder, ForestFile), SentenceEmbedder.Dimensions, state.Offset);
        return new EmbeddingForestPriceModel(forest, state.Settings, embedder);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["embedder"] = _embedder.Model.Name,
        ["dimensions"] = SentenceEmbedder.Dimensions.ToString(CultureInfo.InvariantCulture),
        ["forest"] = Forest.ToString(),
    };

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<Item> items)
    {
        var rows = _embedder.Embed(items.Select(ItemDocuments.Of).ToList());
        return _forest.Predict(rows).Select(p => Math.Max(0, p)).ToArray();
    }

    /// <inheritdoc/>
    public void Save(ModelFolder folder)
    {
        folder.WriteJson(EmbedderFile, new EmbedderRecord(_embedder.Model.Name, _embedder.Model.Sha256));
        folder.WriteJson(ForestStateFile, new ForestState(Forest, _forest.Offset));
        _forest.Save(folder.File(ForestFile));
    }

    private static bool Holds(VectorStore store, IReadOnlyList<Item> train) =>
        store.Count == train.Count && Enumerable.Range(0, train.Count).All(i => store.Rows[i].Document == ItemDocuments.Of(train[i]));
}
