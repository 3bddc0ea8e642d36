using System.Globalization;
using PricerLib.Data;

namespace PricerLib.Pricers;

/// <summary>The course's second baseline: always the mean price of the training items.</summary>
public sealed class ConstantPricer : ISaveablePricer
{
    private const string FileName = "constant.json";

    private ConstantPricer(double meanPrice) => MeanPrice = meanPrice;

    /// <summary>The mean training price it always guesses.</summary>
    public double MeanPrice { get; }

    /// <inheritdoc/>
    public string Name => "constant";

    /// <inheritdoc/>
    public PricerDetails Details => new("constant", null,
        new Dictionary<string, string> { ["meanTrainingPrice"] = MeanPrice.ToString("R", CultureInfo.InvariantCulture) });

    /// <inheritdoc/>
    public int RecommendedConcurrency => 1;

    /// <inheritdoc/>
    public Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default) => Task.FromResult(new PriceGuess(MeanPrice));

    /// <inheritdoc/>
    public Task SaveAsync(ModelFolder folder, CancellationToken cancellationToken = default)
    {
        folder.WriteJson(FileName, new Saved(MeanPrice));
        return Task.CompletedTask;
    }

    /// <summary>Loads a constant pricer saved by <see cref="SaveAsync"/>.</summary>
    /// <exception cref="TrainedModelException">The file is missing or its mean is not a finite price.</exception>
    public static ConstantPricer Load(ModelFolder folder)
    {
        var saved = folder.ReadJson<Saved>(FileName);
        if (!double.IsFinite(saved.MeanPrice)) throw new TrainedModelException($"{folder.File(FileName)}: the mean price is not a finite number.");
        return new ConstantPricer(saved.MeanPrice);
    }

    /// <summary>Learns the mean training price.</summary>
    public sealed class Trainer : IPricerTrainer
    {
        /// <inheritdoc/>
        public Task<IPricer> TrainAsync(IReadOnlyList<Item> train, CancellationToken cancellationToken = default)
        {
            if (train.Count == 0) throw new ArgumentException("The constant pricer needs at least one training item.", nameof(train));
            return Task.FromResult<IPricer>(new ConstantPricer(train.Average(i => i.Price)));
        }
    }

    private sealed record Saved(double MeanPrice);
}
