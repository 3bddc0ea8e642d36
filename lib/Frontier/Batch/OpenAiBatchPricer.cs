using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Frontier.FineTuning;
using PricerLib.Pricers;

namespace PricerLib.Frontier.Batch;

/// <summary>A batch that failed (nothing answered); the message carries the provider's reason.</summary>
public sealed class BatchFailedException(string message) : FrontierException(message);

/// <summary>
/// <c>frontier:MODEL --openai-batch</c>: the same requests as <see cref="FrontierPricer"/>, sent through OpenAI's Batch
/// API at half price — JSONL out (one line per request the cache lacks, bodies as the chat path sends them), upload,
/// create the batch, poll it with progress, download and parse its output. Answers go into the same response cache
/// under the same keys, so chat and batch runs share them. Resumable: the batch is recorded under
/// <paramref name="recordFolder"/> by a fingerprint of its input (and tagged with it in its <c>metadata</c>), so a run
/// that was stopped while the batch ran picks the same batch up again instead of paying twice.
/// </summary>
/// <param name="connection">The endpoint and key.</param>
/// <param name="model">The chat model.</param>
/// <param name="options">The course's request and the run's guards (cache, budget, prices, confirmation).</param>
/// <param name="recordFolder">Where batch records are kept (<c>CACHE/openai-batches</c>); they hold ids, never keys.</param>
/// <param name="pollInterval">Wait between status checks (OpenAI promises results within 24 hours; default 30 s).</param>
public sealed class OpenAiBatchPricer(OpenAiConnection connection, string model, FrontierOptions? options, string recordFolder, TimeSpan? pollInterval = null)
    : IBatchPricer, ICachedAnswers
{
    /// <summary>The records' folder under the settings' cache folder.</summary>
    public const string RecordFolderName = "openai-batches";

    private const string ChatPath = "/v1/chat/completions";
    private readonly FrontierOptions _options = options ?? new FrontierOptions();
    private readonly OpenAiRest _rest = new(connection);
    private readonly FrontierPricer _chat = new(new OpenAiChatBackend(connection), model, options); // names, details and cache keys stay the chat path's
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public string Name => _chat.Name;

    /// <inheritdoc/>
    public PricerDetails Details => _chat.Details with { Parameters = new Dictionary<string, string>(_chat.Details.Parameters) { ["api"] = "openai-batch" } };

    /// <summary>One batch holds the whole run, whatever the workers.</summary>
    public int RecommendedConcurrency => 1;

    /// <summary>Batches created by this pricer (0 when every answer was cached or a recorded batch was resumed).</summary>
    public int BatchesCreated { get; private set; }

    private ChatParameters Parameters => _options.ParametersFor(model);

    /// <inheritdoc/>
    public bool HasCachedAnswer(Item item) => _chat.HasCachedAnswer(item);

    /// <summary>Prices one item through a batch of one (slow: batches are for many items).</summary>
    public async Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        await foreach (var result in PriceManyAsync([item], 1, cancellationToken).ConfigureAwait(false))
            return result.Guess ?? throw new FrontierException(result.Error!);
        throw new FrontierException("The batch gave no result.");
    }

    /// <summary>
    /// Prices <paramref name="items"/> in one batch (<paramref name="maxInFlight"/> does not apply: the provider
    /// schedules a batch). Shows the cost estimate at the batch price first; above the confirmation threshold or past
    /// the budget, items are "not attempted". A failed batch throws <see cref="BatchFailedException"/>; an expired or
    /// cancelled one gives the answers it has, and its other items fail with the reason (a partial run).
    /// </summary>
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        _options.CheckItems(items);
        var keys = items.Select(item => _options.CacheKeyFor(item, _rest.Endpoint, model)).ToList();
        var answers = new Dictionary<string, (ChatAnswer? Answer, string? Error, bool Cached)>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (_options.Cache?.TryGet(key, out var cached) == true) answers[key] = (cached, null, true);

        var toSend = Enumerable.Range(0, items.Count).Where(i => !answers.ContainsKey(keys[i])).DistinctBy(i => keys[i]).ToList();
        var requests = toSend.ToDictionary(i => i, i => _options.MessagesFor(items[i])); // built for what is sent only: may be costly
        var estimate = CostEstimate.For(toSend.Select(i => items[i]).ToList(), model, _options, batch: true);
        _options.Log?.WriteLine($"{model} at {_rest.Endpoint} (Batch API, half price): {items.Count - toSend.Count} of {items.Count} answers cached; to send: {estimate}.");
        if (estimate.Refusal(_options) is { } gate)
        {
            _options.Log?.WriteLine($"Nothing sent to {model}: {gate}.");
            foreach (int i in toSend) answers[keys[i]] = (null, $"not attempted: {gate}", false);
            toSend.Clear();
        }

        var reserved = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (int i in toSend)
        {
            double reservation = (CostEstimate.PerRequest(requests[i], _options.EstimatedAnswerTokens, model, _options.Prices) ?? 0) * _options.Prices.BatchDiscount;
            if (_options.Budget.TryReserve(reservation) is { } refusal) answers[keys[i]] = (null, refusal, false);
            else reserved[keys[i]] = reservation;
        }
        if (reserved.Count > 0)
        {
            var lines = toSend.Where(i => reserved.ContainsKey(keys[i])).Select(i => new JsonObject
            {
                ["custom_id"] = keys[i],
                ["method"] = "POST",
                ["url"] = ChatPath,
                ["body"] = ChatRequestBody.For(requests[i], Parameters),
            }.ToJsonString());
            (Dictionary<string, (ChatAnswer? Answer, string? Error)> Results, string Unanswered) outcome;
            try
            {
                outcome = await RunBatchAsync(string.Join('\n', lines) + "\n", reserved.Count, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                foreach (var reservation in reserved.Values) _options.Budget.Settle(reservation, 0);
                throw;
            }
            foreach (var (key, reservation) in reserved)
            {
                var (answer, error) = outcome.Results.GetValueOrDefault(key, (null, outcome.Unanswered));
                double? cost = answer is null ? null : _options.Prices.Cost(model, answer.InputTokens, answer.OutputTokens, batch: true);
                _options.Budget.Settle(reservation, cost ?? 0);
                if (answer is not null) _options.Cache?.Put(key, answer);
                answers[key] = (answer, error, false);
            }
        }

        double seconds = clock.Elapsed.TotalSeconds / Math.Max(1, items.Count);
        var paid = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            var (answer, error, cached) = answers[keys[i]];
            // The first item of a request carries its cost; duplicates of it (same prompt) were answered once.
            double? cost = answer is null || cached || !paid.Add(keys[i]) ? 0 : _options.Prices.Cost(model, answer.InputTokens, answer.OutputTokens, batch: true);
            yield return answer is null ? PricedItem.Failed(i, error!, seconds)
                : PricedItem.Priced(i, new PriceGuess(PriceParser.Parse(answer.Text), answer.Text, cost), seconds);
        }
    }

    /// <summary>
    /// Creates (or finds) the batch for <paramref name="jsonl"/>, waits for it and reads its answers by custom id, with
    /// the reason for a request its output has no line for.
    /// </summary>
    private async Task<(Dictionary<string, (ChatAnswer? Answer, string? Error)> Results, string Unanswered)> RunBatchAsync(string jsonl, int count, CancellationToken cancellationToken)
    {
        string fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jsonl)))[..32];
        var record = OperationRecord.For(recordFolder, _rest.Endpoint, fingerprint);
        string? id = record.ReadId() ?? await Batches.FindAsync(fingerprint, cancellationToken).ConfigureAwait(false);
        if (id is not null) _options.Log?.WriteLine($"Resuming batch {id} (same {count} requests): nothing new is uploaded or paid for.");
        else
        {
            string file = await _rest.UploadAsync(jsonl, $"pricer_batch_{fingerprint[..8]}.jsonl", "batch", cancellationToken).ConfigureAwait(false);
            var body = new JsonObject
            {
                ["input_file_id"] = file,
                ["endpoint"] = ChatPath,
                ["completion_window"] = "24h",
            };
            id = await Batches.CreateAsync(body, fingerprint, cancellationToken).ConfigureAwait(false);
            BatchesCreated++;
            record.Write(id, "batch", _rest.Endpoint);
            _options.Log?.WriteLine($"Created batch {id} of {count} requests (input file {file}).");
        }
        var batch = await WaitAsync(id, record, cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<string, (ChatAnswer? Answer, string? Error)>(StringComparer.Ordinal);
        foreach (var fileField in new[] { "output_file_id", "error_file_id" })
            if (batch[fileField]?.GetValue<string>() is { Length: > 0 } fileId)
                foreach (var line in (await _rest.DownloadAsync(fileId, cancellationToken).ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    if (BatchOutputLine.Parse(line, model) is { } parsed) results[parsed.CustomId] = (parsed.Answer, parsed.Error);
        string status = Status(batch);
        if (status == "completed") return (results, "the batch's output has no line for this request");
        // Expired or cancelled: OpenAI keeps what was answered. Those answers are used (and cached), the rest fail, so
        // the run is partial, and a re-run sends only the rest in a new batch.
        record.Delete();
        _options.Log?.WriteLine($"Batch {id} {status} with {results.Values.Count(r => r.Answer is not null)} of {count} requests answered: " +
            "those are used; the rest fail and the run is partial. Run again to send them in a new batch.");
        return (results, $"batch {id} was {status} before answering it; run again to send it in a new batch");
    }

    /// <summary>Polls batch <paramref name="id"/> until it is completed, expired or cancelled (a cancelling one is waited for: its answers come then).</summary>
    /// <exception cref="BatchFailedException">The batch failed (its input was refused): nothing was answered.</exception>
    private async Task<JsonNode> WaitAsync(string id, OperationRecord record, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var batch = await _rest.GetAsync($"batches/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false);
            string status = Status(batch);
            var counts = batch["request_counts"];
            string progress = $"Batch {id}: {status}, {counts?["completed"] ?? 0}/{counts?["total"] ?? 0} done, {counts?["failed"] ?? 0} failed";
            if (progress != last) _options.Log?.WriteLine(progress);
            last = progress;
            if (status is "completed" or "expired" or "cancelled") return batch;
            if (status == "failed")
            {
                record.Delete(); // a re-run creates a new batch rather than finding this one
                string reason = batch["errors"]?["data"]?.AsArray().FirstOrDefault()?["message"]?.GetValue<string>() ?? "no reason given";
                throw new BatchFailedException($"Batch {id} {status}: {reason}. Nothing was priced; run again to send a new batch (or leave out --openai-batch).");
            }
            await Task.Delay(_poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Batches created once per fingerprint and found by it; one that ended without completing is not followed again.</summary>
    private FingerprintedCreate Batches => new(_rest, "batches", "batch",
        b => Status(b) is not ("failed" or "expired" or "cancelled" or "cancelling"), _options.Log);

    private static string Status(JsonNode batch) => batch["status"]?.GetValue<string>() ?? "unknown";

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _chat.DisposeAsync();
}
