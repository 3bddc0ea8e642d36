using PricerLib.Data;
using PricerLib.Frontier;

namespace PricerLib.Editions;

/// <summary>The 2025 course's preprocessor request (<c>week6/pricer/preprocessor.py</c> and <c>batch.py</c>).</summary>
public static class SummaryPrompt
{
    /// <summary>The course's <c>SYSTEM_PROMPT</c>, verbatim.</summary>
    public const string System = """
        Create a concise description of a product. Respond only in this format. Do not include part numbers.
        Title: Rewritten short precise title
        Category: eg Electronics
        Brand: Brand name
        Description: 1 sentence description
        Details: 1 sentence on features
        """;

    /// <summary>The course's model (its batch sent <c>openai/gpt-oss-20b</c> to Groq).</summary>
    public const string DefaultModel = "openai/gpt-oss-20b";

    /// <summary>The course's <c>reasoning_effort</c>.</summary>
    public const string DefaultReasoningEffort = "low";

    /// <summary>The course's <c>messages_for(item.full)</c>: the system prompt, then the item's full text as the user's message.</summary>
    public static IReadOnlyList<ChatTurn> MessagesFor(Item item) =>
        [new(ChatRole.System, System), new(ChatRole.User, item.Full ?? "")];

    /// <summary>
    /// The course's request options: its messages and reasoning effort, no token limit and no seed (the course sends
    /// neither), with <paramref name="cache"/> so an interrupted run resumes where it stopped.
    /// </summary>
    public static FrontierOptions Options(ResponseCache? cache) => new()
    {
        Edition = CourseEdition.Course2025,
        Messages = (item, _) => MessagesFor(item),
        MaxTokens = null,
        Seed = null,
        ReasoningEffort = DefaultReasoningEffort,
        Cache = cache,
    };
}

/// <summary>An item the preprocessor left without a summary, and why.</summary>
/// <param name="Index">Its position in the input.</param>
/// <param name="Title">Its title.</param>
/// <param name="Reason">Why (no full text, an empty or refused reply, a failure, the budget).</param>
public sealed record SummarySkip(int Index, string Title, string Reason);

/// <summary>What a preprocessor run did.</summary>
/// <param name="Items">Every input item, in order: those summarized carry their summary and the 2025 prompt built from it; the others are unchanged.</param>
/// <param name="Estimate">The cost estimate of the requests the cache could not answer, made before any was sent.</param>
/// <param name="Written">Summaries written by requests sent in this run.</param>
/// <param name="FromCache">Summaries taken from the response cache (paid for by an earlier run).</param>
/// <param name="Kept">Items that already had a summary, left as they were.</param>
/// <param name="Skipped">Items left without a summary, each with its reason.</param>
/// <param name="CostUsd">What the sent requests cost by the price table; null when the model is not in it.</param>
public sealed record SummarizeOutcome(IReadOnlyList<Item> Items, CostEstimate Estimate, int Written, int FromCache, int Kept,
    IReadOnlyList<SummarySkip> Skipped, double? CostUsd)
{
    /// <summary>Why the run stopped sending early (the budget), or null when it did not.</summary>
    public string? StoppedBy => Skipped.FirstOrDefault(s => s.Reason.StartsWith(BudgetPrefix, StringComparison.Ordinal))?.Reason;

    internal const string BudgetPrefix = "not attempted";
}

/// <summary>
/// The 2025 course's preprocessor: each item's summary written by a chat model from its full text, with the course's
/// prompt, through the frontier family's backends (the OpenAI SDK against any compatible endpoint, or any
/// <c>IChatClient</c>), response cache, budget, price table and cost gate. Items that already have a summary are kept,
/// so a run over its own output only sends what is missing; every answer is cached as it arrives. An empty or refused
/// reply, a failed request or a spent budget leaves that item without a summary, counted with its reason; nothing else
/// is lost. The course called LiteLLM one item at a time, or a Groq batch; here requests run
/// <paramref name="concurrency"/> at a time.
/// </summary>
/// <param name="backend">Where the requests go.</param>
/// <param name="model">The chat model (default the course's).</param>
/// <param name="options">Request options, cache, budget and cost gate (default: <see cref="SummaryPrompt.Options"/> without a cache).</param>
/// <param name="concurrency">Requests in flight at once.</param>
public sealed class ItemSummarizer(IChatBackend backend, string model = SummaryPrompt.DefaultModel, FrontierOptions? options = null, int concurrency = 8)
{
    private readonly FrontierOptions _options = options ?? SummaryPrompt.Options(null);

    /// <summary>The model writing the summaries.</summary>
    public string Model => model;

    /// <summary>
    /// <paramref name="items"/> with the summaries (and prompts) of an earlier run's output, <paramref name="previous"/>,
    /// where that output holds the same items in the same order (matched by title and price); otherwise unchanged.
    /// </summary>
    /// <returns>The items, and how many summaries were carried over.</returns>
    public static (IReadOnlyList<Item> Items, int CarriedOver) CarryOver(IReadOnlyList<Item> items, IReadOnlyList<Item> previous)
    {
        if (previous.Count != items.Count) return (items, 0);
        if (items.Where((item, i) => item.Title != previous[i].Title || item.Price != previous[i].Price).Any()) return (items, 0);
        int carried = 0;
        var merged = items.Select((item, i) =>
        {
            if (item.Summary is { Length: > 0 } || previous[i].Summary is not { Length: > 0 } summary) return item;
            carried++;
            return item with { Summary = summary, Prompt = previous[i].Prompt };
        }).ToList();
        return (merged, carried);
    }

    /// <summary>Writes the missing summaries of <paramref name="items"/>.</summary>
    /// <exception cref="FrontierException">The cost gate refused the run (nothing was sent).</exception>
    public async Task<SummarizeOutcome> SummarizeAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var parameters = _options.ParametersFor(model);
        var plan = SummaryPlan.Make(items, backend.Endpoint, model, _options, batch: false);

        int written = 0, fromCache = 0;
        double cost = 0;
        var gate = new Lock();
        await Parallel.ForEachAsync(plan.Pending, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (p, ct) =>
            {
                var (answer, sent, reason) = await AskAsync(plan.Results[p.Index], p.Key, parameters, ct).ConfigureAwait(false);
                lock (gate)
                {
                    if (answer is null)
                    {
                        plan.Skip(p.Index, reason!);
                        return;
                    }
                    if (sent) { written++; cost += _options.Prices.Cost(model, answer.InputTokens, answer.OutputTokens) ?? 0; }
                    else fromCache++;
                    plan.Summarize(p.Index, answer.Text);
                }
            }).ConfigureAwait(false);
        return plan.Outcome(written, fromCache, _options.Prices.Find(model) is null ? null : cost);
    }

    /// <summary>One item's answer (null with the reason when there is none) and whether a request was sent for it.</summary>
    private async Task<(ChatAnswer? Answer, bool Sent, string? Reason)> AskAsync(Item item, string key, ChatParameters parameters, CancellationToken cancellationToken)
    {
        if (_options.Cache?.TryGet(key, out var cached) == true) return (cached, false, null);
        var messages = _options.MessagesFor(item);
        double estimate = CostEstimate.PerRequest(messages, _options.EstimatedAnswerTokens, model, _options.Prices) ?? 0;
        if (_options.Budget.TryReserve(estimate) is { } refusal) return (null, false, refusal);
        ChatAnswer answer;
        try
        {
            answer = await backend.CompleteAsync(messages, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (FrontierException e)
        {
            _options.Budget.Settle(estimate, 0);
            return (null, true, e.Refusal is { } words ? $"refused: \"{words}\"" : "failed: " + e.Message);
        }
        _options.Budget.Settle(estimate, _options.Prices.Cost(model, answer.InputTokens, answer.OutputTokens) ?? 0);
        // An empty reply is not cached, so the next run asks again.
        if (string.IsNullOrWhiteSpace(answer.Text)) return (null, true, "empty reply");
        _options.Cache?.Put(key, answer);
        return (answer, true, null);
    }
}
