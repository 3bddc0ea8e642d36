using System.Globalization;
using PricerLib.Data;

namespace PricerLib.Pricers;

/// <summary>The course's second baseline: always the mean price of the training items.</summary>
public sealed class ConstantPricer : ITrainablePricer
{
    private double? mean;

    /// <inheritdoc/>
    public string Name => "constant";

    /// <inheritdoc/>
    public PricerDetails Details => new("constant", null, mean is { } m
        ? new Dictionary<string, string> { ["meanTrainingPrice"] = m.ToString("R", CultureInfo.InvariantCulture) }
        : new Dictionary<string, string>());

    /// <inheritdoc/>
    public int RecommendedConcurrency => 1;

    /// <inheritdoc/>
    public bool IsTrained => mean is not null;

    /// <summary>The mean training price, once trained.</summary>
    public double? MeanPrice => mean;

    /// <inheritdoc/>
    public Task TrainAsync(IReadOnlyList<Item> train, CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new ArgumentException("The constant pricer needs at least one training item.", nameof(train));
        mean = train.Average(i => i.Price);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default) =>
        mean is { } m
            ? Task.FromResult(new PriceGuess(m))
            : throw new InvalidOperationException("The constant pricer has not been trained: give it training items (--train FILE).");
}
