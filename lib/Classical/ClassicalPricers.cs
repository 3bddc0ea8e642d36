using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>
/// The course's classical baselines of week 6 day 3 (and <c>gbm</c>, beyond it) as pricer kinds: every one trains on
/// the training items, prices in batches, and saves and loads as a trained model.
/// </summary>
public static class ClassicalPricers
{
    /// <summary>The registry names, in the course's order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["features-lr", "bow-lr", "word2vec-lr", "word2vec-svr", "word2vec-rf", "gbm"];

    /// <summary>The kinds the course's day 3 does not have (<c>gbm</c>): left out where a list stands for the course's.</summary>
    public static IReadOnlyList<string> BeyondCourse { get; } = ["gbm"];

    private static readonly PricerOption Threads = PricerOption.Integer("w2v-threads",
        "word2vec training threads: 1 is bit-for-bit reproducible, more are faster and vary slightly run to run", 1).HowItRuns();
    private static readonly PricerOption Epochs = PricerOption.Integer("w2v-epochs",
        "word2vec passes over the corpus (gensim's default 5; at hundreds of thousands of items one pass already sees far more words)", 5);
    internal static readonly PricerOption Trees = PricerOption.Integer("trees", "trees in the forest", 100);
    internal static readonly PricerOption Leaves = PricerOption.Integer("leaves", "most leaves per tree (scikit-learn grows trees until pure)", 256);
    private static readonly PricerOption Rounds = PricerOption.Integer("rounds", "boosting rounds of every candidate setting", 500);
    private static readonly PricerOption MaxFeatures = PricerOption.Integer("max-features", "vocabulary size (the most frequent terms)", 1000);

    /// <summary>Registers <c>features-lr</c>, <c>bow-lr</c>, <c>word2vec-lr</c>, <c>word2vec-svr</c>, <c>word2vec-rf</c> and <c>gbm</c>.</summary>
    public static PricerRegistry AddClassical(this PricerRegistry registry) => registry
        .Register(Kind("features-lr", "linear regression on weight, rank, text length and top brand from details (course day 3)",
            [], (_, train, _) => FeaturesPriceModel.Fit(train),
            (_, folder) => FeaturesPriceModel.Load(folder)))
        .Register(Kind("bow-lr", "bag of words (1,000 terms, English stop words) + linear regression, clamped at 0",
            [MaxFeatures], (request, train, _) => BagOfWordsPriceModel.Fit(train, Positive(request, MaxFeatures)),
            (_, folder) => BagOfWordsPriceModel.Load(folder)))
        .Register(Word2VecKind("word2vec-lr", "word2vec document vectors + linear regression, clamped at 0", VectorRegressor.LinearRegression, [Threads, Epochs]))
        .Register(Word2VecKind("word2vec-svr", "word2vec document vectors + linear SVR (epsilon-insensitive), clamped at 0", VectorRegressor.LinearSvr, [Threads, Epochs]))
        .Register(Word2VecKind("word2vec-rf", "word2vec document vectors + random forest (LightGBM's random-forest booster), clamped at 0", VectorRegressor.RandomForest, [Threads, Epochs, Trees, Leaves]))
        .Register(Kind("gbm", "LightGBM on bag of words + details features, tuned on a validation split of the training items",
            [Rounds], (request, train, ct) => GbmPriceModel.Fit(train, request.Seed, GbmSettings.CandidatesOf(Positive(request, Rounds)), ct),
            (_, folder) => GbmPriceModel.Load(folder)));

    private static PricerRegistration Word2VecKind(string kind, string description, VectorRegressor regressor, PricerOption[] options) =>
        Kind(kind, description, options, (request, train, ct) =>
        {
            var settings = new Word2VecSettings { Threads = Positive(request, Threads), Epochs = Positive(request, Epochs) };
            List<IReadOnlyList<string>> documents;
            using (TrainingPhases.Measure("tokens")) documents = Word2VecPriceModel.Documents(train);
            var vectors = new Word2VecCache(request.Settings.Cache).GetOrTrain(documents, settings, ct);
            var forest = regressor == VectorRegressor.RandomForest
                ? new ForestSettings { Trees = Positive(request, Trees), Leaves = Math.Max(2, Positive(request, Leaves)), MaxBin = ForestSettings.WordVectorBins }
                : new ForestSettings();
            return Word2VecPriceModel.Fit(train, documents, regressor, vectors, forest, request.Seed, ct);
        }, (_, folder) => Word2VecPriceModel.Load(folder, regressor));

    internal static PricerRegistration Kind(string kind, string description, PricerOption[] options,
        Func<PricerRequest, IReadOnlyList<Data.Item>, CancellationToken, IPriceModel> fit, Func<PricerRequest, ModelFolder, IPriceModel> load) =>
        new(kind, kind, description)
        {
            Options = options,
            Trainer = request => new ClassicalTrainer(kind, (train, ct) => fit(request, train, ct)),
            Load = (request, folder, ct) => new ValueTask<IPricer>(Task.Run<IPricer>(() => new ClassicalPricer(kind, load(request, folder)), ct)),
        };

    internal static int Positive(PricerRequest request, PricerOption option)
    {
        int value = request.Options.Integer(option.Name)!.Value;
        return value >= 1 ? value : throw new PricerOptionException($"Pricer '{request.Kind}': --{option.Name} must be at least 1, not {value}.");
    }
}
