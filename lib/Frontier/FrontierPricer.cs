using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Pricers;

namespace PricerLib.Frontier;

/// <summary>What a frontier pricer asks for, besides the model: the course's request and this workbook's guards.</summary>
public sealed record FrontierOptions
{
    /// <summary>Which edition's request to send: 2024's system message, question and prefill, or 2025's one user message.</summary>
    public CourseEdition Edition { get; init; } = CourseEdition.Course2024;

    /// <summary>The answer's token limit (the 2024 course: 5; 7 for its fine-tuned model); null: none sent (the 2025 course).</summary>
    public int? MaxTokens { get; init; } = 5;

    /// <summary>Sent as <c>reasoning_effort</c> (the 2025 course: high for gpt-5.1, low for gemini-3-pro-preview); null: not sent.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Which field carries <see cref="MaxTokens"/>.</summary>
    public TokenLimitField TokenLimit { get; init; } = TokenLimitField.MaxTokens;

    /// <summary>The course's seed, sent with every request.</summary>
    public int? Seed { get; init; } = 42;

    /// <summary>Send the assistant prefill "Price is $".</summary>
    public bool Prefill { get; init; } = true;

    /// <summary>Where answers are cached; null: no cache (<c>--no-cache</c>).</summary>
    public ResponseCache? Cache { get; init; }

    /// <summary>The run's spending limit.</summary>
    public RunBudget Budget { get; init; } = RunBudget.Unlimited;

    /// <summary>Prices for the cost of each answer.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>
    /// A batch whose estimated cost is above this many dollars is not sent unless <see cref="Confirmed"/>
    /// (<c>--confirm-above</c>, <c>--yes</c>); null: no threshold.
    /// </summary>
    public double? ConfirmAboveUsd { get; init; }

    /// <summary>The user agreed to any estimated cost (<c>--yes</c>).</summary>
    public bool Confirmed { get; init; }

    /// <summary>Receives the cost estimate before a batch (the CLI passes stderr); null: silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Answer tokens a cost estimate counts per request: the limit sent, else an assumption by reasoning effort.</summary>
    public int EstimatedAnswerTokens => MaxTokens ?? FrontierDefaults.AssumedAnswerTokens(ReasoningEffort);

    /// <summary>
    /// Builds an item's messages from the item and <see cref="Prefill"/> instead of the course's question (RAG's
    /// request, with similar items, is priced through the same machinery); null: the course's, in <see cref="Edition"/>.
    /// </summary>
    public Func<Item, bool, IReadOnlyList<ChatTurn>>? Messages { get; init; }

    /// <summary>
    /// What determines <see cref="Messages"/>' result for an item, where building the messages is costly (RAG's search
    /// embeds the item): the response cache is keyed on it instead of on the messages, so a cached answer is found
    /// without building them. Null: keyed on the messages.
    /// </summary>
    public Func<Item, bool, string>? RequestIdentity { get; init; }

    /// <summary>The response cache's key of <paramref name="item"/>'s request to <paramref name="model"/> at <paramref name="endpoint"/>.</summary>
    public string CacheKeyFor(Item item, string endpoint, string model) => RequestIdentity is { } identity
        ? ResponseCache.KeyFor(endpoint, ParametersFor(model), identity(item, Prefill))
        : ResponseCache.KeyFor(endpoint, ParametersFor(model), MessagesFor(item));

    /// <summary>The messages for <paramref name="item"/>: <see cref="Messages"/>, else the course's in this edition's format.</summary>
    /// <exception cref="FrontierException">A 2025 request for an item without a summary.</exception>
    public IReadOnlyList<ChatTurn> MessagesFor(Item item) =>
        Messages is { } build ? build(item, Prefill) : CourseMessages.ForPricing(item, Edition, Prefill);

    /// <summary>
    /// Checks, before a run sends anything, that every item can be asked in this edition: a 2025 run of items without
    /// summaries (a 2024 file) is one clear error, not a failure per item.
    /// </summary>
    /// <exception cref="FrontierException">Some items have no summary.</exception>
    public void CheckItems(IReadOnlyList<Item> items)
    {
        if (Edition != CourseEdition.Course2025) return;
        int missing = items.Count(item => item.Summary is not { Length: > 0 });
        if (missing > 0)
            throw new FrontierException($"{missing} of {items.Count} items have no summary, and the 2025 prompt is built from the summaries of the 2025 items. " +
                "Use a 2025 items file, or the 2024 prompt (--prompt 2024, or PRICER_EDITION=2024).");
    }

    /// <summary>The request's parameters for <paramref name="model"/>.</summary>
    public ChatParameters ParametersFor(string model) => new(model, MaxTokens, TokenLimit, Seed, ReasoningEffort);
}

/// <summary>
/// The course's frontier pricer (week 6 day 4): sends <see cref="FrontierOptions.MessagesFor"/> to a chat model (2024:
/// with seed 42 and 5 max tokens; 2025: with each model's own settings), and parses the reply with <see cref="PriceParser"/>. Answers come from the response
/// cache when it has them; each real request is counted against the run's budget and priced from the price table.
/// </summary>
public sealed class FrontierPricer(IChatBackend backend, string model, FrontierOptions? options = null) : IBatchPricer, ICachedAnswers
{
    private readonly FrontierOptions _options = options ?? new FrontierOptions();
    private int _requests, _cacheHits;

    /// <summary>
    /// A frontier pricer over any <c>Microsoft.Extensions.AI</c> chat client (see <see cref="ChatClientBackend"/>):
    /// <paramref name="name"/> keys its cache entries; the model, for the price table, is the one the client reports, else the name.
    /// </summary>
    public static FrontierPricer FromChatClient(Microsoft.Extensions.AI.IChatClient client, string name, FrontierOptions? options = null) =>
        new(new ChatClientBackend(client, name),
            (client.GetService(typeof(Microsoft.Extensions.AI.ChatClientMetadata)) as Microsoft.Extensions.AI.ChatClientMetadata)?.DefaultModelId ?? name, options);

    /// <summary>The chat model's id.</summary>
    public string Model { get; } = model;

    /// <summary>The course's name for the function: the model id with non-alphanumerics as underscores (<c>gpt_4o_mini</c>).</summary>
    public string Name => new(Model.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());

    /// <inheritdoc/>
    public PricerDetails Details => new("frontier", Model, new Dictionary<string, string>
    {
        ["endpoint"] = backend.Endpoint,
        ["edition"] = _options.Edition.Name(),
        ["max_tokens"] = _options.MaxTokens?.ToString(CultureInfo.InvariantCulture) ?? "none",
        ["token_limit"] = _options.TokenLimit == TokenLimitField.MaxTokens ? "max_tokens" : "max_completion_tokens",
        ["seed"] = _options.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none",
        ["prefill"] = _options.Prefill && _options.Edition == CourseEdition.Course2024 ? "Price is $" : "none",
        ["reasoning_effort"] = _options.ReasoningEffort ?? "none",
    });

    /// <summary>Network-bound: 8 requests in flight by default.</summary>
    public int RecommendedConcurrency => 8;

    /// <summary>Requests actually sent so far (cache misses).</summary>
    public int Requests => _requests;

    /// <summary>Answers taken from the cache so far.</summary>
    public int CacheHits => _cacheHits;

    private ChatParameters Parameters => _options.ParametersFor(Model);

    /// <inheritdoc/>
    public async Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        var key = KeyFor(item);
        if (_options.Cache?.TryGet(key, out var cached) == true)
        {
            Interlocked.Increment(ref _cacheHits);
            return new PriceGuess(PriceParser.Parse(cached.Text), cached.Text, CostUsd: 0);
        }
        var messages = _options.MessagesFor(item); // only now: building them may be costly (RequestIdentity)
        double estimate = CostEstimate.PerRequest(messages, _options.EstimatedAnswerTokens, Model, _options.Prices) ?? 0;
        if (_options.Budget.TryReserve(estimate) is { } refusal) throw new BudgetExhaustedException(refusal);
        Interlocked.Increment(ref _requests);
        ChatAnswer answer;
        try
        {
            answer = await backend.CompleteAsync(messages, Parameters, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _options.Budget.Settle(estimate, 0);
            throw;
        }
        double? cost = _options.Prices.Cost(Model, answer.InputTokens, answer.OutputTokens);
        _options.Budget.Settle(estimate, cost ?? 0);
        _options.Cache?.Put(key, answer);
        return new PriceGuess(PriceParser.Parse(answer.Text), answer.Text, cost);
    }

    /// <summary>
    /// Prices <paramref name="items"/> with up to <paramref name="maxInFlight"/> requests at once, yielding each as it
    /// is answered. First it shows the cost estimate of what the cache does not hold; above the confirmation threshold
    /// without <see cref="FrontierOptions.Confirmed"/>, nothing is sent and every uncached item is "not attempted".
    /// </summary>
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _options.CheckItems(items);
        var uncached = items.Where(item => !HasCachedAnswer(item)).ToList();
        var estimate = CostEstimate.For(uncached, Model, _options);
        _options.Log?.WriteLine($"{Model} at {backend.Endpoint}: {items.Count - uncached.Count} of {items.Count} answers cached; to send: {estimate}.");
        var reason = estimate.Refusal(_options);
        if (reason is not null) _options.Log?.WriteLine($"Nothing sent to {Model}: {reason}.");
        string? refusal = reason is null ? null : $"not attempted: {reason}";

        var results = Channel.CreateUnbounded<PricedItem>();
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = maxInFlight, CancellationToken = cancellationToken },
                    async (index, ct) => await results.Writer.WriteAsync(await PriceOneAsync(items[index], index, refusal, ct).ConfigureAwait(false), ct).ConfigureAwait(false))
                    .ConfigureAwait(false);
                results.Writer.Complete();
            }
            catch (Exception e)
            {
                results.Writer.Complete(e);
            }
        }, cancellationToken);
        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return result;
        await producer.ConfigureAwait(false);
    }

    private async Task<PricedItem> PriceOneAsync(Item item, int index, string? refusal, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (refusal is not null && !HasCachedAnswer(item)) return PricedItem.Failed(index, refusal, 0);
            return PricedItem.Priced(index, await PriceAsync(item, cancellationToken).ConfigureAwait(false), clock.Elapsed.TotalSeconds);
        }
        catch (PricerException e)
        {
            return PricedItem.Failed(index, e.Message, clock.Elapsed.TotalSeconds);
        }
    }

    /// <inheritdoc/>
    public bool HasCachedAnswer(Item item) => _options.Cache?.Contains(KeyFor(item)) == true;

    private string KeyFor(Item item) => _options.CacheKeyFor(item, backend.Endpoint, Model);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => backend.DisposeAsync();
}

/// <summary>A pricer whose answers may come from a response cache: it tells which items it would not send.</summary>
public interface ICachedAnswers
{
    /// <summary>True when the answer for <paramref name="item"/> is in the response cache (found without building its messages).</summary>
    bool HasCachedAnswer(Item item);
}

/// <summary>The run's budget is spent: the item was not attempted.</summary>
public sealed class BudgetExhaustedException(string message) : FrontierException(message);
