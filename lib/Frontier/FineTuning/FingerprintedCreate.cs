using System.Text.Json.Nodes;

namespace PricerLib.Frontier.FineTuning;

/// <summary>
/// Creates a paid operation (a fine-tuning job, a batch) at most once per fingerprint of what it is asked to do, and
/// finds it again by that fingerprint, kept in the operation's <c>metadata</c>. The create goes out without the SDK's
/// automatic retry: a connection dropped after the server created the job would make the policy send the create
/// again and pay twice. After a failure or timeout that may be retried, the operation is looked up first and sent
/// again only when it is not there.
/// </summary>
/// <param name="rest">The endpoint.</param>
/// <param name="collection">The list and create path: <c>fine_tuning/jobs</c> or <c>batches</c>.</param>
/// <param name="what">What it is, for messages ("fine-tuning job", "batch").</param>
/// <param name="usable">Whether a listed operation can be followed (not failed, say).</param>
/// <param name="log">Receives progress lines; null: silent.</param>
public sealed class FingerprintedCreate(OpenAiRest rest, string collection, string what, Func<JsonNode, bool> usable, TextWriter? log)
{
    /// <summary>The metadata key holding the fingerprint.</summary>
    public const string MetadataKey = "pricer_fingerprint";

    /// <summary>Pages of 100 looked through at most (the newest 5,000 operations): an account with more is not searched further.</summary>
    public const int MaxPages = 50;

    private const int PageSize = 100;

    /// <summary>The newest usable operation carrying <paramref name="fingerprint"/>, paging through the list; null when none.</summary>
    public async Task<string?> FindAsync(string fingerprint, CancellationToken cancellationToken)
    {
        string? after = null;
        for (int page = 0; page < MaxPages; page++)
        {
            var list = await rest.GetAsync($"{collection}?limit={PageSize}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), cancellationToken)
                .ConfigureAwait(false);
            var items = list["data"] is JsonArray data ? data.OfType<JsonObject>().ToList() : [];
            if (items.FirstOrDefault(o => Fingerprint(o) == fingerprint && usable(o))?["id"] is JsonValue id && id.TryGetValue(out string? found)) return found;
            after = items.LastOrDefault()?["id"]?.GetValue<string>();
            if (list["has_more"]?.GetValue<bool>() != true || after is null) return null;
        }
        log?.WriteLine($"Looked through the newest {MaxPages * PageSize:N0} {what}s for this one without finding it; treating it as new.");
        return null;
    }

    /// <summary>
    /// Creates the operation described by <paramref name="body"/> (tagged here with <paramref name="fingerprint"/>),
    /// sending it again after a retryable failure only when a lookup does not find it; returns its id.
    /// </summary>
    /// <exception cref="FrontierException">The endpoint refused it, or every try failed.</exception>
    public async Task<string> CreateAsync(JsonObject body, string fingerprint, CancellationToken cancellationToken)
    {
        body["metadata"] = new JsonObject { [MetadataKey] = fingerprint };
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return rest.Text(await rest.PostOnceAsync(collection, body, cancellationToken).ConfigureAwait(false), "id", what);
            }
            catch (FrontierException e) when (e.MayRetry && attempt < rest.MaxRetries)
            {
                // The SDK policy's backoff (0.8 s, doubling); a Retry-After is not seen here, the lookup comes first anyway.
                await Task.Delay(TimeSpan.FromSeconds(0.8 * Math.Pow(2, attempt) * rest.RetryDelayScale), cancellationToken).ConfigureAwait(false);
                if (await FindAsync(fingerprint, cancellationToken).ConfigureAwait(false) is { } id)
                {
                    log?.WriteLine($"Creating the {what} got no answer, but the endpoint had created it: found {what} {id}.");
                    return id;
                }
                log?.WriteLine($"Creating the {what} failed and it does not exist; sending it again ({e.Message}).");
            }
        }
    }

    private static string? Fingerprint(JsonObject operation) =>
        operation["metadata"]?[MetadataKey] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
