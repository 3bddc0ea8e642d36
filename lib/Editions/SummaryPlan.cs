using PricerLib.Data;
using PricerLib.Frontier;

namespace PricerLib.Editions;

/// <summary>
/// One preprocessor run's bookkeeping, the same whether the requests go one by one or in a batch: which items are
/// kept (already summarized), skipped (no full text) or pending (with their cache keys), the cost estimate made and
/// gated before anything is sent, and the summaries and skips as answers arrive. Not thread-safe.
/// </summary>
internal sealed class SummaryPlan
{
    private readonly List<SummarySkip> _skipped = [];

    private SummaryPlan(Item[] results, IReadOnlyList<(int Index, string Key)> pending, int kept, CostEstimate estimate)
    {
        Results = results;
        Pending = pending;
        Kept = kept;
        Estimate = estimate;
    }

    /// <summary>Every item, updated as summaries arrive.</summary>
    public Item[] Results { get; }

    /// <summary>Items to summarize, by index, with their response-cache keys.</summary>
    public IReadOnlyList<(int Index, string Key)> Pending { get; }

    /// <summary>Items that had a summary already.</summary>
    public int Kept { get; }

    /// <summary>The estimate of what the cache cannot answer.</summary>
    public CostEstimate Estimate { get; }

    /// <summary>Sorts <paramref name="items"/>, estimates, logs the estimate and applies the cost gate.</summary>
    /// <exception cref="FrontierException">The cost gate refused the run (nothing was sent).</exception>
    public static SummaryPlan Make(IReadOnlyList<Item> items, string endpoint, string model, FrontierOptions options, bool batch)
    {
        var parameters = options.ParametersFor(model);
        var results = items.ToArray();
        var pending = new List<(int Index, string Key)>();
        var textless = new List<int>();
        int kept = 0;
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i].Summary is { Length: > 0 }) kept++;
            else if (string.IsNullOrWhiteSpace(results[i].Full)) textless.Add(i);
            else pending.Add((i, ResponseCache.KeyFor(endpoint, parameters, options.MessagesFor(results[i]))));
        }
        var toSend = pending.Where(p => options.Cache?.Contains(p.Key) != true).Select(p => results[p.Index]).ToList();
        var estimate = CostEstimate.For(toSend, model, options, batch);
        options.Log?.WriteLine($"Summaries to write: {pending.Count:N0} ({pending.Count - toSend.Count:N0} cached); to send: {estimate}");
        if (estimate.Refusal(options) is { } refusal) throw new FrontierException(refusal);
        var plan = new SummaryPlan(results, pending, kept, estimate);
        foreach (int i in textless) plan.Skip(i, "no full text to summarize");
        return plan;
    }

    /// <summary>Leaves item <paramref name="index"/> without a summary, for <paramref name="reason"/>.</summary>
    public void Skip(int index, string reason) => _skipped.Add(new(index, Results[index].Title, reason));

    /// <summary>Gives item <paramref name="index"/> its summary and the 2025 prompt built from it.</summary>
    public void Summarize(int index, string answer)
    {
        var summary = answer.Trim();
        Results[index] = Results[index] with { Summary = summary, Prompt = CourseEdition.Course2025.MakePrompt(summary, Results[index].Price) };
    }

    /// <summary>What the run did.</summary>
    public SummarizeOutcome Outcome(int written, int fromCache, double? costUsd) =>
        new(Results, Estimate, written, fromCache, Kept, [.. _skipped.OrderBy(s => s.Index)], costUsd);
}
