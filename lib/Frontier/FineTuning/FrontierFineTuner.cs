using System.Text.Json.Nodes;

namespace PricerLib.Frontier.FineTuning;

/// <summary>The outcome of a fine-tuning job.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="FineTunedModel">The model id to evaluate, e.g. <c>ft:gpt-4o-mini-2024-07-18:org:pricer:AbC123</c>.</param>
/// <param name="Resumed">True when an existing job was found instead of creating (and paying for) a new one.</param>
/// <param name="Events">The job's event messages, oldest first.</param>
public sealed record FineTuningResult(string JobId, string FineTunedModel, bool Resumed, IReadOnlyList<string> Events)
{
    /// <summary>The pricer spec that evaluates the model: <c>frontier:ft:…</c> (everything after the first colon is the model).</summary>
    public string PricerSpec => "frontier:" + FineTunedModel;
}

/// <summary>A fine-tuning job that failed or was cancelled; the message carries the provider's reason.</summary>
public sealed class FineTuningFailedException(string message) : FrontierException(message);

/// <summary>
/// The service refused to create the job at all (OpenAI has closed self-serve fine-tuning to many accounts, as the
/// course's learners report): says so plainly and points to the open-source path, which needs no such access.
/// </summary>
public sealed class FineTuningRefusedException(string model, string reason) : FrontierException(
    $"The service refused to fine-tune {model}; it was not a problem with the training file. {reason} " +
    "OpenAI no longer offers self-serve fine-tuning to every account, so this may not change by retrying. " +
    "The open-source path needs no such access: fine-tune Llama 3.2 3B with LoRA as the course's week 7 does, then " +
    "`pricer download-adapter` (or your own adapter) and `pricer convert-lora`, and evaluate it with `--pricer llama`.");

/// <summary>
/// The course's day 5 against OpenAI's fine-tuning API (or any server that speaks it): uploads the training and
/// validation files, creates the job (model, seed, epochs, suffix), follows its events until it ends and returns the
/// fine-tuned model's id. Resumable: the job is recorded under <paramref name="recordFolder"/> and tagged in its
/// <c>metadata</c> with a fingerprint of the files and parameters, so a re-run (even one whose record is gone) follows
/// the same job instead of paying for a new one.
/// </summary>
/// <param name="rest">The endpoint.</param>
/// <param name="recordFolder">Where job records are kept (<c>CACHE/fine-tuning</c>); they hold ids, never keys.</param>
/// <param name="pollInterval">Wait between status checks while the job runs (OpenAI's take ~15 minutes; default 15 s).</param>
public sealed class FrontierFineTuner(OpenAiRest rest, string recordFolder, TimeSpan? pollInterval = null)
{
    /// <summary>The records' folder under the settings' cache folder.</summary>
    public const string RecordFolderName = "fine-tuning";

    private static readonly string[] Running = ["validating_files", "queued", "running"];
    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(15);

    /// <summary>Receives progress lines (the CLI passes stderr); null: silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// A fine-tuner for a provider given as <c>evaluate</c> takes it (<c>--provider</c>, <c>--base-url</c>, <c>--api-key-env</c>),
    /// recording its jobs under <paramref name="settings"/>' cache folder.
    /// </summary>
    /// <exception cref="FrontierException">An unknown provider, a bad URL, or a key variable that is not set.</exception>
    public static FrontierFineTuner Connect(WorkbookSettings settings, string? provider = null, string? baseUrl = null, string? keyVariable = null,
        TimeSpan? pollInterval = null, TextWriter? log = null)
    {
        var resolved = FrontierProvider.Resolve(provider, baseUrl, keyVariable);
        return new FrontierFineTuner(new OpenAiRest(new OpenAiConnection(resolved.BaseUrl, resolved.ReadKey())),
            Path.Combine(settings.Cache, RecordFolderName), pollInterval) { Log = log };
    }

    /// <summary>Runs (or resumes) the job for <paramref name="data"/> and <paramref name="spec"/>.</summary>
    /// <exception cref="FineTuningFailedException">The job failed or was cancelled.</exception>
    /// <exception cref="FrontierException">The endpoint refused a request or could not be reached.</exception>
    public async Task<FineTuningResult> RunAsync(FineTuningData data, FineTuningSpec spec, CancellationToken cancellationToken = default)
    {
        spec.Validate();
        string fingerprint = spec.Fingerprint(data);
        var record = OperationRecord.For(recordFolder, rest.Endpoint, fingerprint);
        string? jobId = record.ReadId() ?? await Jobs.FindAsync(fingerprint, cancellationToken).ConfigureAwait(false);
        bool resumed = jobId is not null;
        if (jobId is null)
        {
            jobId = await CreateJobAsync(data, spec, fingerprint, cancellationToken).ConfigureAwait(false);
            record.Write(jobId, "fine-tuning job", rest.Endpoint);
        }
        else Log?.WriteLine($"Resuming fine-tuning job {jobId} (same files and parameters): nothing new is uploaded or paid for.");
        try
        {
            var (model, events) = await FollowAsync(jobId, cancellationToken).ConfigureAwait(false);
            return new FineTuningResult(jobId, model, resumed, events);
        }
        catch (FineTuningFailedException)
        {
            record.Delete(); // a re-run starts a new job rather than finding the failed one
            throw;
        }
    }

    private async Task<string> CreateJobAsync(FineTuningData data, FineTuningSpec spec, string fingerprint, CancellationToken cancellationToken)
    {
        string trainFile = await rest.UploadAsync(data.Train, $"fine_tune_train_{fingerprint[..8]}.jsonl", "fine-tune", cancellationToken).ConfigureAwait(false);
        string? validationFile = data.ValidationCount == 0 ? null
            : await rest.UploadAsync(data.Validation, $"fine_tune_validation_{fingerprint[..8]}.jsonl", "fine-tune", cancellationToken).ConfigureAwait(false);
        Log?.WriteLine($"Uploaded {data.TrainCount} training examples ({trainFile})" + (validationFile is null ? "." : $" and {data.ValidationCount} validation examples ({validationFile})."));
        var body = new JsonObject
        {
            ["training_file"] = trainFile,
            ["validation_file"] = validationFile,
            ["model"] = spec.BaseModel,
            ["seed"] = spec.Seed,
            ["hyperparameters"] = spec.BatchSize is { } batch
                ? new JsonObject { ["n_epochs"] = spec.Epochs, ["batch_size"] = batch }
                : new JsonObject { ["n_epochs"] = spec.Epochs },
            ["suffix"] = spec.Suffix,
        };
        if (validationFile is null) body.Remove("validation_file");
        string jobId;
        try
        {
            jobId = await Jobs.CreateAsync(body, fingerprint, cancellationToken).ConfigureAwait(false);
        }
        catch (FrontierException e) when (IsRefusal(e))
        {
            throw new FineTuningRefusedException(spec.BaseModel, e.Message);
        }
        Log?.WriteLine($"Created fine-tuning job {jobId} on {spec.BaseModel} (seed {spec.Seed}, {spec.Epochs} epoch(s), suffix \"{spec.Suffix}\").");
        return jobId;
    }

    /// <summary>Jobs created once per fingerprint and found by it; a failed or cancelled one is not followed again.</summary>
    private FingerprintedCreate Jobs => new(rest, "fine_tuning/jobs", "fine-tuning job", job => Status(job) is not ("failed" or "cancelled"), Log);

    private async Task<(string Model, IReadOnlyList<string> Events)> FollowAsync(string jobId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<string>();
        string path = $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}";
        while (true)
        {
            var job = await rest.GetAsync(path, cancellationToken).ConfigureAwait(false);
            // OpenAI lists events newest first: show the unseen ones oldest first.
            var page = await rest.GetAsync(path + "/events?limit=100", cancellationToken).ConfigureAwait(false);
            foreach (var e in (page["data"]?.AsArray() ?? []).Reverse().OfType<JsonObject>())
            {
                if (e["id"]?.GetValue<string>() is not { } id || !seen.Add(id)) continue;
                string message = e["message"]?.GetValue<string>() ?? "";
                events.Add(message);
                Log?.WriteLine($"  [{jobId}] {message}");
            }
            string status = Status(job);
            if (status == "succeeded")
            {
                string model = rest.Text(job, "fine_tuned_model", "finished fine-tuning job");
                Log?.WriteLine($"Fine-tuned model: {model} (evaluate it as frontier:{model}).");
                return (model, events);
            }
            if (!Running.Contains(status))
                throw new FineTuningFailedException($"Fine-tuning job {jobId} {status}: {job["error"]?["message"]?.GetValue<string>() ?? "no reason given"}. " +
                    "Run again to start a new job (check the training file first).");
            await Task.Delay(_poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The service will not fine-tune for this account or model: 403, or a 400/404 that says so (OpenAI's wording
    /// varies); a malformed request or a missing file is another 400 and stays as it was.
    /// </summary>
    private static bool IsRefusal(FrontierException e) =>
        e.Status == 403 || (e.Status is 400 or 404 && RefusalWords.Any(w => e.Message.Contains(w, StringComparison.OrdinalIgnoreCase)));

    private static readonly string[] RefusalWords = ["not available", "not have access", "not allowed", "not permitted", "not supported", "not eligible"];

    private static string Status(JsonNode job) => job["status"]?.GetValue<string>() ?? "unknown";
}
