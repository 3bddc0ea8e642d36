using PricerLib.Data;
using PricerLib.Frontier;
using PricerLib.Frontier.Batch;
using PricerLib.Frontier.FineTuning;

namespace PricerLib.Editions;

/// <summary>
/// The 2025 preprocessor through an OpenAI-compatible Batch API, as the course sent its summaries (a Groq batch of
/// gpt-oss-20b): every missing summary in one batch, by the frontier family's <see cref="OpenAiBatchPricer"/> (upload,
/// create, poll, download), with the same prompt, response cache and keys as <see cref="ItemSummarizer"/>, so either
/// path resumes the other's work. The estimate (at the batch rate) is logged and gated before anything is sent; the
/// budget reserves each request; the batch is recorded by a fingerprint of its requests, so a re-run while it is still
/// running picks the same batch up instead of paying twice. Empty (asked again next run) and refused replies, failed requests and requests
/// the budget left out are counted skips with their reasons.
/// </summary>
/// <param name="connection">The endpoint and key.</param>
/// <param name="model">The chat model (default the course's).</param>
/// <param name="options">Request options, cache, budget and cost gate (default: <see cref="SummaryPrompt.Options"/> without a cache).</param>
/// <param name="recordFolder">Where batch records are kept (ids only, never keys).</param>
/// <param name="pollInterval">Wait between status checks (default the batch pricer's).</param>
public sealed class BatchItemSummarizer(OpenAiConnection connection, string model, FrontierOptions? options, string recordFolder, TimeSpan? pollInterval = null)
{
    private readonly FrontierOptions _options = options ?? SummaryPrompt.Options(null);

    /// <summary>Writes the missing summaries of <paramref name="items"/> through one batch.</summary>
    /// <exception cref="FrontierException">The cost gate refused the run (nothing was sent).</exception>
    /// <exception cref="BatchFailedException">The provider failed the batch (nothing was answered).</exception>
    public async Task<SummarizeOutcome> SummarizeAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        var plan = SummaryPlan.Make(items, new OpenAiRest(connection).Endpoint, model, _options, batch: true);
        var cachedBefore = plan.Pending.Where(p => _options.Cache?.Contains(p.Key) == true).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        int written = 0, fromCache = 0;
        double cost = 0;
        if (plan.Pending.Count > 0)
        {
            // The pricer's 2025 check wants summaries in the items: it guards prompts built from them, and these
            // requests are built from the full text instead (options.Messages).
            await using var batch = new OpenAiBatchPricer(connection, model, _options with { Edition = CourseEdition.Course2024 }, recordFolder, pollInterval);
            await foreach (var result in batch.PriceManyAsync([.. plan.Pending.Select(p => plan.Results[p.Index])], 1, cancellationToken).ConfigureAwait(false))
            {
                var (index, key) = plan.Pending[result.Index];
                if (result.Guess is not { } answer) plan.Skip(index, Reason(result.Error!));
                else if (string.IsNullOrWhiteSpace(answer.Reply))
                {
                    // The batch path caches every answer; an empty one is forgotten, so the next run asks again (as
                    // the chat path, which never caches it).
                    _options.Cache?.Remove(key);
                    plan.Skip(index, "empty reply");
                }
                else
                {
                    plan.Summarize(index, answer.Reply);
                    if (cachedBefore.Contains(key)) fromCache++;
                    else written++;
                    cost += answer.CostUsd ?? 0;
                }
            }
        }
        return plan.Outcome(written, fromCache, _options.Prices.Find(model) is null ? null : cost);
    }

    /// <summary>The batch path's refusal names the pricing prefill; a summary has none, so only the words are kept.</summary>
    private string Reason(string error)
    {
        string refused = $"{model} refused: ";
        int hint = error.IndexOf(". Some newer models refuse", StringComparison.Ordinal);
        return error.StartsWith(refused, StringComparison.Ordinal) && hint > refused.Length ? "refused: " + error[refused.Length..hint] : error;
    }
}
