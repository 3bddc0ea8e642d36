using PricerLib.Data;

namespace PricerLib.Pricers;

/// <summary>One prediction: a price, and where the pricer answered in text, the reply it was parsed from.</summary>
/// <param name="Price">The guessed price in dollars.</param>
/// <param name="Reply">The model's raw text reply, kept in the results store for inspection.</param>
/// <param name="CostUsd">What this prediction cost (API tokens), where known.</param>
public sealed record PriceGuess(double Price, string? Reply = null, double? CostUsd = null);

/// <summary>What the results store records about a pricer.</summary>
/// <param name="Kind">The registry name it was resolved from, e.g. <c>random</c>, <c>frontier</c>, <c>llama</c>.</param>
/// <param name="Model">The model behind it (a chat model's id, a GGUF path), where there is one.</param>
/// <param name="Parameters">Settings that change its guesses (seed, temperature, adapter, …).</param>
public sealed record PricerDetails(string Kind, string? Model, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Anything that prices an item: a baseline, a classical ML model, a chat model over HTTP, a local GGUF model.
/// The Tester and <c>pricer evaluate</c> only see this interface.
/// </summary>
public interface IPricer
{
    /// <summary>Short name, also the source of the default run title (<c>gpt_4o_mini</c> → "Gpt 4O Mini").</summary>
    string Name { get; }

    /// <summary>Recorded in the results store.</summary>
    PricerDetails Details { get; }

    /// <summary>
    /// How many items to price at once by default: 1 for in-process pricers (and for those whose guesses depend on
    /// call order, like <see cref="RandomPricer"/>), more for network-bound ones.
    /// </summary>
    int RecommendedConcurrency { get; }

    /// <summary>Prices one item. May throw; the Tester then records that item as failed and goes on.</summary>
    Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default);
}

/// <summary>A pricer that must learn from training items before it can price (classical ML, the mean price).</summary>
public interface ITrainablePricer : IPricer
{
    /// <summary>True once <see cref="TrainAsync"/> has run.</summary>
    bool IsTrained { get; }

    /// <summary>Learns from <paramref name="train"/>; never sees the test items.</summary>
    Task TrainAsync(IReadOnlyList<Item> train, CancellationToken cancellationToken = default);
}
