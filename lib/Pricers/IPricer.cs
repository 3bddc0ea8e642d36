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
/// <param name="Parameters">Settings that change its guesses (seed, temperature, adapter, …), and where it ran (backend, device).</param>
public sealed record PricerDetails(string Kind, string? Model, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Anything that prices an item: a baseline, a classical ML model, a chat model over HTTP, a local GGUF model.
/// The Tester and <c>pricer evaluate</c> only see this interface (and <see cref="IBatchPricer"/> where a pricer has it).
/// Pricers that hold native memory, HTTP clients or files implement <see cref="IAsyncDisposable.DisposeAsync"/>;
/// whoever creates a pricer disposes it.
/// </summary>
public interface IPricer : IAsyncDisposable
{
    /// <summary>Short name, also the source of the default run title (<c>gpt_4o_mini</c> → "Gpt 4O Mini").</summary>
    string Name { get; }

    /// <summary>Recorded in the results store.</summary>
    PricerDetails Details { get; }

    /// <summary>
    /// How many items to price at once by default: 1 for in-process pricers (and for those whose guesses depend on
    /// call order, like <see cref="RandomPricer"/>), more for network-bound or batching ones.
    /// </summary>
    int RecommendedConcurrency { get; }

    /// <summary>Prices one item. May throw; the Tester then records that item as failed and goes on.</summary>
    Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default);

    /// <summary>Most pricers hold nothing to release.</summary>
    ValueTask IAsyncDisposable.DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>One item's outcome from <see cref="IBatchPricer.PriceManyAsync"/>: a guess or why there is none.</summary>
/// <param name="Index">The item's position in the list given to the pricer.</param>
/// <param name="Guess">The guess; null when the item failed.</param>
/// <param name="Error">Why the item failed; null when it has a guess.</param>
/// <param name="Seconds">Time the pricer spent on the item (for a batch, its share of the batch).</param>
public sealed record PricedItem(int Index, PriceGuess? Guess, string? Error, double Seconds)
{
    /// <summary>An item with a guess.</summary>
    public static PricedItem Priced(int index, PriceGuess guess, double seconds) => new(index, guess, null, seconds);

    /// <summary>An item the pricer could not price; the run goes on.</summary>
    public static PricedItem Failed(int index, string error, double seconds) => new(index, null, error, seconds);
}

/// <summary>
/// A pricer that is faster pricing many items at once: ML.NET scores a whole data view, a local model decodes many
/// sequences per batch, a remote server takes many requests in flight. The Tester uses it when a pricer has it.
/// </summary>
public interface IBatchPricer : IPricer
{
    /// <summary>
    /// Prices every item, yielding each result as soon as it is ready, in any order; the caller restores item order.
    /// An item never yielded counts as failed. Per-item problems are <see cref="PricedItem.Failed"/> results, not exceptions.
    /// </summary>
    /// <param name="items">The items to price.</param>
    /// <param name="maxInFlight">At most this many items in progress at once (<c>--workers</c>).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight, CancellationToken cancellationToken = default);
}

/// <summary>
/// Learns from training items and gives a trained pricer, as ML.NET's <c>Fit</c> gives a model: there is no untrained
/// pricer to call by mistake.
/// </summary>
public interface IPricerTrainer
{
    /// <summary>Trains on <paramref name="train"/> (never the test items) and returns the ready pricer.</summary>
    Task<IPricer> TrainAsync(IReadOnlyList<Item> train, CancellationToken cancellationToken = default);
}

/// <summary>A trained pricer that can be saved and loaded back by its kind's <see cref="PricerRegistration.Load"/>.</summary>
public interface ISaveablePricer : IPricer
{
    /// <summary>Writes what the pricer learned into <paramref name="folder"/> (the library writes the manifest beside it).</summary>
    Task SaveAsync(ModelFolder folder, CancellationToken cancellationToken = default);
}
