using PricerLib.Classical;
using PricerLib.Pricers;

namespace PricerLib.Classical2025;

/// <summary>The 2025 course's baselines as pricer kinds (<c>nn</c>), each trained on the items' summaries.</summary>
public static class Course2025Pricers
{
    private static readonly PricerOption Epochs = PricerOption.Integer("epochs", "passes over the training items (the course's 2)", 2);
    private static readonly PricerOption Threads = PricerOption.Integer("nn-threads", "cores a batch is spread over (default: all)", Environment.ProcessorCount);

    /// <summary>Registers <c>nn</c>.</summary>
    public static PricerRegistry AddCourse2025(this PricerRegistry registry) => registry
        .Register(ClassicalPricers.Kind("nn", "the 2025 course's neural network: hashed words of the summary (5,000), 8 ReLU layers, MSE + Adam, 2 epochs",
            [Epochs, Threads], (request, train, ct) => NeuralNetworkPriceModel.Fit(train, new NetworkTraining
            {
                Seed = request.Seed,
                Epochs = ClassicalPricers.Positive(request, Epochs),
                Threads = ClassicalPricers.Positive(request, Threads),
            }, cancellationToken: ct),
            (_, folder) => NeuralNetworkPriceModel.Load(folder)));
}
