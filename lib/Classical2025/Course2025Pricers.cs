using PricerLib.Classical;
using PricerLib.Pricers;

namespace PricerLib.Classical2025;

/// <summary>
/// The 2025 course's baselines of <c>week6/day3.ipynb</c> and <c>day4.ipynb</c> as pricer kinds, each trained on the
/// items' summaries (<see cref="ItemText2025"/>): <c>weight-lr</c>, <c>nlp-lr</c>, <c>forest</c>, <c>gbdt</c>, <c>nn</c>.
/// </summary>
public static class Course2025Pricers
{
    private static readonly PricerOption Epochs = PricerOption.Integer("epochs", "passes over the training items (the course's 2)", 2);
    private static readonly PricerOption Threads = PricerOption.Integer("nn-threads", "cores a batch is spread over (default: all)", Environment.ProcessorCount);
    private static readonly PricerOption Subset = PricerOption.Integer("subset", "the first training items the forest is grown on (the course's 15,000)", SummaryTreesPriceModel.ForestSubset);
    private static readonly PricerOption Rounds = PricerOption.Integer("rounds", "boosting rounds (the course's 1,000)", SummaryTreesPriceModel.CourseBoosting.Trees);

    /// <summary>Registers <c>weight-lr</c>, <c>nlp-lr</c>, <c>forest</c>, <c>gbdt</c> and <c>nn</c>.</summary>
    public static PricerRegistry AddCourse2025(this PricerRegistry registry) => registry
        .Register(ClassicalPricers.Kind("weight-lr", "2025: linear regression on weight, weight unknown and summary length (not clamped)",
            [], (_, train, _) => WeightPriceModel.Fit(train), (_, folder) => WeightPriceModel.Load(folder)))
        .Register(ClassicalPricers.Kind("nlp-lr", "2025: 2,000-word bag of words of the summary + linear regression, clamped at 0",
            [], (_, train, _) => SummaryWordsPriceModel.Fit(train), (_, folder) => SummaryWordsPriceModel.Load(folder)))
        .Register(ClassicalPricers.Kind("forest", "2025: random forest (LightGBM rf, 100 trees) on the first 15,000 items' 2,000-word counts",
            [Subset], (request, train, ct) => SummaryTreesPriceModel.Fit(
                train, SummaryTreesPriceModel.CourseForest, request.Seed, ct, ClassicalPricers.Positive(request, Subset)),
            (_, folder) => SummaryTreesPriceModel.Load(folder)))
        .Register(ClassicalPricers.Kind("gbdt", "2025: LightGBM gbdt (1,000 rounds, learning rate 0.1) on 2,000-word counts, in place of the course's XGBoost",
            [Rounds], (request, train, ct) => SummaryTreesPriceModel.Fit(
                train, SummaryTreesPriceModel.CourseBoosting with { Trees = ClassicalPricers.Positive(request, Rounds) }, request.Seed, ct),
            (_, folder) => SummaryTreesPriceModel.Load(folder)))
        .Register(ClassicalPricers.Kind("nn", "the 2025 course's neural network: hashed words of the summary (5,000), 8 ReLU layers, MSE + Adam, 2 epochs",
            [Epochs, Threads], (request, train, ct) => NeuralNetworkPriceModel.Fit(train, new NetworkTraining
            {
                Seed = request.Seed,
                Epochs = ClassicalPricers.Positive(request, Epochs),
                Threads = ClassicalPricers.Positive(request, Threads),
            }, cancellationToken: ct),
            (_, folder) => NeuralNetworkPriceModel.Load(folder)));
}
