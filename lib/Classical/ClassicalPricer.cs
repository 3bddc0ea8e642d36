using System.Diagnostics;
using System.Runtime.CompilerServices;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>
/// A trained classical model as a pricer: prices many items per call to the model (ML.NET scores a whole data view),
/// saves into a model folder, and holds nothing to dispose.
/// </summary>
/// <param name="kind">The registry kind, also its name (<c>bow-lr</c>, <c>word2vec-rf</c>, …).</param>
/// <param name="model">The fitted model.</param>
public sealed class ClassicalPricer(string kind, IPriceModel model) : IBatchPricer, ISaveablePricer
{
    // Large enough that ML.NET's per-call overhead vanishes, small enough that results stream out steadily.
    private const int BatchSize = 2048;

    /// <summary>The fitted model behind the pricer.</summary>
    public IPriceModel Model { get; } = model;

    /// <inheritdoc/>
    public string Name => kind;

    /// <inheritdoc/>
    public PricerDetails Details => new(kind, null, Model.Parameters);

    /// <inheritdoc/>
    public int RecommendedConcurrency => 1;

    /// <inheritdoc/>
    public Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default) =>
        Task.Run(() => new PriceGuess(Model.Predict([item])[0]), cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int start = 0; start < items.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = items.Skip(start).Take(BatchSize).ToList();
            var clock = Stopwatch.StartNew();
            double[]? guesses = null;
            string? error = null;
            try
            {
                guesses = await Task.Run(() => Model.Predict(batch), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                error = e.Message;
            }
            double seconds = clock.Elapsed.TotalSeconds / batch.Count;
            for (int k = 0; k < batch.Count; k++)
                yield return guesses is null ? PricedItem.Failed(start + k, error!, seconds) : PricedItem.Priced(start + k, new PriceGuess(guesses[k]), seconds);
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(ModelFolder folder, CancellationToken cancellationToken = default) =>
        Task.Run(() => Model.Save(folder), cancellationToken);
}

/// <summary>Trains a classical model off the calling thread and wraps it as a <see cref="ClassicalPricer"/>.</summary>
/// <param name="kind">The registry kind.</param>
/// <param name="fit">Fits the model on the training items.</param>
public sealed class ClassicalTrainer(string kind, Func<IReadOnlyList<Item>, CancellationToken, IPriceModel> fit) : IPricerTrainer
{
    /// <inheritdoc/>
    public async Task<IPricer> TrainAsync(IReadOnlyList<Item> train, CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new ArgumentException($"Pricer '{kind}' needs at least one training item.", nameof(train));
        var model = await Task.Run(() => fit(train, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new ClassicalPricer(kind, model);
    }
}
