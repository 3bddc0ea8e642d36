using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Pricers;

namespace PricerLib.Frontier;

/// <summary>
/// Registers the frontier family: <c>frontier:MODEL</c> (any OpenAI-compatible chat model through the OpenAI SDK,
/// Claude through the Anthropic SDK) and <c>human</c> (the course's human baseline from a filled CSV).
/// </summary>
public static class FrontierPricers
{
    /// <summary>The cache folder's name under the settings' cache folder.</summary>
    public const string CacheFolderName = "frontier-responses";

    /// <summary>The options of <c>frontier:MODEL</c>.</summary>
    public static IReadOnlyList<PricerOption> FrontierOptions { get; } =
    [
        PricerOption.Choice("provider", "a preset endpoint and key variable (openai: OPENAI_API_KEY; anthropic: ANTHROPIC_API_KEY, Claude's Messages API; gemini: GOOGLE_API_KEY; xai: XAI_API_KEY; local servers: none); default: openai, or in 2025 the course's provider for its models",
            "openai", [.. FrontierProvider.Presets.Keys]),
        PricerOption.Choice("prompt", "the request's format: 2024 (system message, question, \"Price is $\" prefill) or 2025 (one user message with the summary); default: the workbook's edition (PRICER_EDITION)",
            EditionChoice, EditionChoice, "2024", "2025"),
        PricerOption.Choice("reasoning-effort", "reasoning_effort to send; course: as the 2025 notebook calls the model (gpt-5.1 high, gemini-3-pro-preview low, others none), unset: never sent",
            FrontierDefaults.Course, FrontierDefaults.Course, FrontierDefaults.Unset, "none", "minimal", "low", "medium", "high"),
        PricerOption.Choice("send-seed", "send the run's seed: course (2024: always; 2025: where the notebook does, gpt-5.1 and grok), yes or no",
            FrontierDefaults.Course, FrontierDefaults.Course, "yes", "no"),
        PricerOption.Text("base-url", "any OpenAI-compatible endpoint, e.g. http://localhost:8000/v1/ (no key is sent unless --api-key-env names one)"),
        PricerOption.Choice("api", "the API the endpoint speaks: openai (chat completions) or anthropic (Messages API); default: the provider's",
            "provider", "provider", "openai", "anthropic"),
        PricerOption.Text("api-key-env", "the environment variable holding the key (default: the provider's)").HowItRuns(),
        PricerOption.Integer("max-tokens", "the answer's token limit (default: the course's; 2024: 5; 2025: none, 7 for its fine-tuned model)"),
        PricerOption.Choice("token-limit", "the field carrying it: max_tokens as the course sends it, or max_completion_tokens (reasoning models)",
            "provider", "provider", "max_tokens", "max_completion_tokens"),
        PricerOption.Flag("no-prefill", "do not send the assistant's \"Price is $\" (for models that refuse a prefill)"),
        PricerOption.Flag("no-cache", "ask the model again even where the response cache has its answer").HowItRuns(),
        PricerOption.Integer("retries", "retries per request by the SDK's policy (429, 5xx, timeouts, dropped connections)", 3).HowItRuns(),
        PricerOption.Integer("timeout", "seconds to wait for one answer", 60).HowItRuns(),
        PricerOption.Integer("max-requests", "send at most N requests this run; the rest are listed as not attempted").HowItRuns(),
        PricerOption.Number("max-cost", "spend at most this many dollars this run (from the price table; cache hits are free)").HowItRuns(),
        PricerOption.Number("confirm-above", "refuse to send a run estimated above this many dollars unless --yes", 0.50).HowItRuns(),
        PricerOption.Flag("yes", "send whatever the estimated cost").HowItRuns(),
        PricerOption.Text("price-table", "a JSON price table replacing data/frontier-prices.json").HowItRuns(),
        PricerOption.Flag("openai-batch", "send the run through OpenAI's Batch API at half price (results within 24 h; a re-run resumes the batch)"),
    ];

    /// <summary>Adds <c>frontier</c> and <c>human</c> to <paramref name="registry"/>.</summary>
    public static PricerRegistry AddFrontier(this PricerRegistry registry) => registry
        .Register(new("frontier", "frontier:MODEL", "a chat model through the OpenAI SDK, at OpenAI or any compatible endpoint, or Claude through the Anthropic SDK (the course's week 6 day 4)")
        {
            Options = FrontierOptions,
            Create = (request, _) => ValueTask.FromResult<IPricer>(Create(request)),
        })
        .Register(new("human", "human", "a person's guesses from a filled human_output.csv (2025: human_out.csv; pricer human-input writes the blank)")
        {
            Options = [PricerOption.Text("human-csv", "the filled CSV: row i is test item i's prompt (2025: summary) and the guess", "human_output.csv")],
            Create = (request, _) => ValueTask.FromResult<IPricer>(HumanPricer.Load(request.Options.Text("human-csv")!, request.Settings.Edition)),
        });

    private const string EditionChoice = "edition";

    /// <summary>
    /// The frontier pricer a request with <see cref="FrontierOptions"/> describes; <paramref name="messages"/> replaces the
    /// course's question (RAG sends its own request through the same providers, cache, budget and Batch API), and
    /// <paramref name="identity"/>, what determines those messages, keys the response cache.
    /// </summary>
    internal static IBatchPricer Create(PricerRequest request, Func<Item, bool, IReadOnlyList<ChatTurn>>? messages = null,
        Func<Item, bool, string>? identity = null)
    {
        var options = request.Options;
        string model = request.Argument!;
        var edition = options.Choice("prompt") == EditionChoice ? request.Settings.Edition : CourseEditions.Parse(options.Choice("prompt"), "--prompt");
        // 2024 sends every model the same request; 2025 calls each model as its notebook does.
        var course = edition == CourseEdition.Course2025 ? FrontierDefaults.Find2025(model) ?? new CourseModelCall(model, "openai") : null;
        var api = options.Choice("api") switch { "openai" => FrontierApi.OpenAi, "anthropic" => FrontierApi.Anthropic, _ => (FrontierApi?)null };
        string? preset = options.IsSet("provider") ? options.Choice("provider") : options.IsSet("base-url") ? null : course?.Provider;
        var provider = FrontierProvider.Resolve(preset, options.Text("base-url"), options.Text("api-key-env"), api);
        int? maxTokens = options.IsSet("max-tokens") ? options.Integer("max-tokens") : course is null ? 5 : course.MaxTokens;
        if (maxTokens < 1) throw new FrontierException("--max-tokens must be at least 1.");
        string? effort = options.Choice("reasoning-effort") switch
        {
            FrontierDefaults.Course => course?.ReasoningEffort,
            FrontierDefaults.Unset => null,
            var level => level,
        };
        if (effort is not null && provider.Api == FrontierApi.Anthropic) throw new FrontierException(AnthropicChatBackend.RejectsReasoningEffort(effort));
        bool sendSeed = options.Choice("send-seed") switch { "yes" => true, "no" => false, _ => course?.Seed ?? true };
        var key = provider.ReadKey();
        int retries = Math.Max(0, options.Integer("retries")!.Value);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Integer("timeout")!.Value));
        var settings = new FrontierOptions
        {
            Edition = edition,
            MaxTokens = maxTokens,
            ReasoningEffort = effort,
            TokenLimit = options.Choice("token-limit") switch
            {
                "max_tokens" => TokenLimitField.MaxTokens,
                "max_completion_tokens" => TokenLimitField.MaxCompletionTokens,
                _ => provider.TokenLimit,
            },
            Prefill = provider.Prefill && !options.Flag("no-prefill"),
            Seed = sendSeed ? request.Seed : null,
            Cache = options.Flag("no-cache") ? null : new ResponseCache(Path.Combine(request.Settings.Cache, CacheFolderName)),
            Budget = new RunBudget(options.Integer("max-requests"), options.Number("max-cost")),
            Prices = PriceTable.For(provider, options.Text("price-table")), // $0 on a server on this machine, not unknown
            ConfirmAboveUsd = provider.IsLocal ? null : options.Number("confirm-above"), // a server on this machine costs nothing
            Confirmed = options.Flag("yes"),
            // The estimate goes to stderr, so `evaluate --json` still prints exactly one JSON object on stdout.
            Log = Console.Error,
        };
        if (messages is not null) settings = settings with { Messages = messages, RequestIdentity = identity };
        if (provider.Api == FrontierApi.Anthropic)
        {
            if (options.Flag("openai-batch")) throw new FrontierException("--openai-batch is OpenAI's Batch API; Claude goes through the Messages API without it.");
            return new FrontierPricer(new AnthropicChatBackend(new AnthropicConnection(provider.BaseUrl, key, retries, timeout)), model, settings);
        }
        var connection = new OpenAiConnection(provider.BaseUrl, key, retries, timeout);
        return options.Flag("openai-batch") ? new Batch.OpenAiBatchPricer(connection, model, settings, Path.Combine(request.Settings.Cache, Batch.OpenAiBatchPricer.RecordFolderName))
            : new FrontierPricer(new OpenAiChatBackend(connection), model, settings);
    }
}
