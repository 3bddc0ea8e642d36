using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>
/// <c>rag:MODEL</c>, the course's week-8 RAG pricer: finds the <c>k</c> training items nearest each item's document and
/// asks a chat model with their prices as context (<see cref="RagMessages"/>). The request goes through a frontier
/// pricer made for it (providers, response cache, budget, cost estimate, concurrency, Batch API, <c>IChatClient</c>),
/// so everything the frontier family guards, RAG gets too. The response cache is keyed on what determines the
/// neighbours (the item's document, the store, k, the prompt), not on the neighbours, so a cached answer costs no
/// search: neighbours are found first for the items without one, and the chat pricer's message builder reads them back.
/// </summary>
public sealed class RagPricer : IBatchPricer
{
    /// <summary>The course's number of similar items in the context.</summary>
    public const int CourseNeighbours = 5;

    private readonly INeighbourFinder _finder;
    private readonly IBatchPricer _chat;
    private readonly int _k;
    private readonly CourseEdition _prompt;
    private readonly IReadOnlyDictionary<string, string> _store;
    private readonly IDisposable? _owned;
    private readonly ConcurrentDictionary<Item, IReadOnlyList<Neighbour>> _neighbours = new(ReferenceEqualityComparer.Instance);

    /// <summary>Builds the pricer.</summary>
    /// <param name="finder">The store of training items.</param>
    /// <param name="chat">Makes the chat pricer from the message builder it must use and what determines its messages
    /// (e.g. a <see cref="FrontierPricer"/> whose <see cref="FrontierOptions.Messages"/> and
    /// <see cref="FrontierOptions.RequestIdentity"/> they are).</param>
    /// <param name="k">Similar items per prompt (the course: 5).</param>
    /// <param name="prompt">Which edition's request to send.</param>
    /// <param name="store">What the run records about the store (its manifest).</param>
    /// <param name="owned">Released with the pricer (the store's embedding model).</param>
    public RagPricer(INeighbourFinder finder, Func<Func<Item, bool, IReadOnlyList<ChatTurn>>, Func<Item, bool, string>, IBatchPricer> chat, int k = CourseNeighbours,
        CourseEdition prompt = CourseEdition.Course2024, IReadOnlyDictionary<string, string>? store = null, IDisposable? owned = null)
    {
        if (k < 1) throw new PricerOptionException($"Pricer 'rag': -k must be at least 1, not {k}.");
        (_finder, _k, _prompt, _store, _owned) = (finder, k, prompt, store ?? new Dictionary<string, string>(), owned);
        _chat = chat(Messages, RequestIdentity);
    }

    /// <summary>The course's name: the chat model's with <c>_rag</c> (<c>gpt_4o_mini_rag</c>).</summary>
    public string Name => _chat.Name + "_rag";

    /// <inheritdoc/>
    public PricerDetails Details
    {
        get
        {
            var parameters = new Dictionary<string, string>(_chat.Details.Parameters)
            {
                ["k"] = _k.ToString(CultureInfo.InvariantCulture),
                ["prompt"] = _prompt.Name(),
            };
            foreach (var (key, value) in _store) parameters["store." + key] = value;
            return new PricerDetails("rag", _chat.Details.Model, parameters);
        }
    }

    /// <inheritdoc/>
    public int RecommendedConcurrency => _chat.RecommendedConcurrency;

    /// <summary>The neighbours <paramref name="item"/>'s request shows: the store's nearest training items, nearest first.</summary>
    public ValueTask<IReadOnlyList<Neighbour>> NeighboursAsync(Item item, CancellationToken cancellationToken = default) =>
        _finder.FindAsync(RagMessages.Document(item, _prompt), _k, cancellationToken);

    /// <summary>The messages <paramref name="item"/> is priced with (finds its neighbours).</summary>
    public async Task<IReadOnlyList<ChatTurn>> MessagesAsync(Item item, bool prefill = true, CancellationToken cancellationToken = default) =>
        RagMessages.For(item, await NeighboursAsync(item, cancellationToken).ConfigureAwait(false), prefill, _prompt);

    /// <inheritdoc/>
    public async Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        if (!HasCachedAnswer(item)) _neighbours[item] = await NeighboursAsync(item, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _chat.PriceAsync(item, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _neighbours.TryRemove(item, out _);
        }
    }

    /// <summary>
    /// Finds the neighbours of every item without a cached answer (all cores), then prices the items through the chat
    /// pricer; an item whose search failed fails with the reason and is not sent.
    /// </summary>
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var problems = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                try
                {
                    if (!HasCachedAnswer(items[index])) _neighbours[items[index]] = await NeighboursAsync(items[index], ct).ConfigureAwait(false);
                }
                catch (PricerException e)
                {
                    problems[index] = $"no similar items: {e.Message}";
                }
            }).ConfigureAwait(false);
        try
        {
            double searchSeconds = clock.Elapsed.TotalSeconds / Math.Max(1, items.Count);
            foreach (var (index, problem) in problems.OrderBy(p => p.Key)) yield return PricedItem.Failed(index, problem, searchSeconds);
            var found = Enumerable.Range(0, items.Count).Where(i => !problems.ContainsKey(i)).ToList();
            await foreach (var result in _chat.PriceManyAsync(found.Select(i => items[i]).ToList(), maxInFlight, cancellationToken).ConfigureAwait(false))
                yield return result with { Index = found[result.Index], Seconds = result.Seconds + searchSeconds };
        }
        finally
        {
            foreach (var item in items) _neighbours.TryRemove(item, out _);
        }
    }

    private bool HasCachedAnswer(Item item) => _chat is ICachedAnswers cache && cache.HasCachedAnswer(item);

    // The chat pricer's message builder: neighbours were found before it was asked, except for an item whose cached
    // answer turned out unreadable (the store's search is synchronous, so finding them here blocks nothing).
    private IReadOnlyList<ChatTurn> Messages(Item item, bool prefill) =>
        RagMessages.For(item, _neighbours.TryGetValue(item, out var neighbours) ? neighbours
            : NeighboursAsync(item).AsTask().GetAwaiter().GetResult(), prefill, _prompt);

    // What determines the messages: the item's document, the store's contents (not where it lies), k and the prompt.
    private string RequestIdentity(Item item, bool prefill) => string.Join('\n',
        [$"rag k={_k} prompt={_prompt.Name()} prefill={prefill}",
         .. _store.Where(e => e.Key != "folder").OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"store.{e.Key}={e.Value}"),
         RagMessages.Document(item, _prompt)]);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _chat.DisposeAsync().ConfigureAwait(false);
        _owned?.Dispose();
    }
}
