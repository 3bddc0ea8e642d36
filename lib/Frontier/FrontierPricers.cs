using PricerLib.Data;
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
        PricerOption.Choice("provider", "a preset endpoint and key variable (openai: OPENAI_API_KEY; anthropic: ANTHROPIC_API_KEY, Claude's Messages API; gemini: GOOGLE_API_KEY; local servers: none)",
            "openai", [.. FrontierProvider.Presets.Keys]),
        PricerOption.Text("base-url", "any OpenAI-compatible endpoint, e.g. http://localhost:8000/v1/ (no key is sent unless --api-key-env names one)"),
        PricerOption.Choice("api", "the API the endpoint speaks: openai (chat completions) or anthropic (Messages API); default: the provider's",
            "provider", "provider", "openai", "anthropic"),
        PricerOption.Text("api-key-env", "the environment variable holding the key (default: the provider's)").HowItRuns(),
        PricerOption.Integer("max-tokens", "the answer's token limit (the course: 5; 7 for its fine-tuned model)", 5),
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
        .Register(new("human", "human", "a person's guesses from a filled human_output.csv (pricer human-input writes the blank)")
        {
            Options = [PricerOption.Text("human-csv", "the filled CSV: row i is test item i's prompt and the guess", "human_output.csv")],
            Create = (request, _) => ValueTask.FromResult<IPricer>(HumanPricer.Load(request.Options.Text("human-csv")!)),
        });

    /// <summary>
    /// The frontier pricer a request with <see cref="FrontierOptions"/> describes; <paramref name="messages"/> replaces the
    /// course's question (RAG sends its own request through the same providers, cache, budget and Batch API).
    /// </summary>
    internal static IBatchPricer Create(PricerRequest request, Func<Item, bool, IReadOnlyList<ChatTurn>>? messages = null)
    {
        var options = request.Options;
        var api = options.Choice("api") switch { "openai" => FrontierApi.OpenAi, "anthropic" => FrontierApi.Anthropic, _ => (FrontierApi?)null };
        var provider = FrontierProvider.Resolve(options.IsSet("provider") ? options.Choice("provider") : null, options.Text("base-url"), options.Text("api-key-env"), api);
        int maxTokens = options.Integer("max-tokens")!.Value;
        if (maxTokens < 1) throw new FrontierException("--max-tokens must be at least 1.");
        var key = provider.ReadKey();
        int retries = Math.Max(0, options.Integer("retries")!.Value);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Integer("timeout")!.Value));
        var settings = new FrontierOptions
        {
            MaxTokens = maxTokens,
            TokenLimit = options.Choice("token-limit") switch
            {
                "max_tokens" => TokenLimitField.MaxTokens,
                "max_completion_tokens" => TokenLimitField.MaxCompletionTokens,
                _ => provider.TokenLimit,
            },
            Prefill = provider.Prefill && !options.Flag("no-prefill"),
            Seed = request.Seed,
            Cache = options.Flag("no-cache") ? null : new ResponseCache(Path.Combine(request.Settings.Cache, CacheFolderName)),
            Budget = new RunBudget(options.Integer("max-requests"), options.Number("max-cost")),
            Prices = options.Text("price-table") is { } table ? PriceTable.Load(table) : PriceTable.Default,
            ConfirmAboveUsd = provider.IsLocal ? null : options.Number("confirm-above"), // a server on this machine costs nothing
            Confirmed = options.Flag("yes"),
            // The estimate goes to stderr, so `evaluate --json` still prints exactly one JSON object on stdout.
            Log = Console.Error,
        };
        if (messages is not null) settings = settings with { Messages = messages };
        if (provider.Api == FrontierApi.Anthropic)
        {
            if (options.Flag("openai-batch")) throw new FrontierException("--openai-batch is OpenAI's Batch API; Claude goes through the Messages API without it.");
            return new FrontierPricer(new AnthropicChatBackend(new AnthropicConnection(provider.BaseUrl, key, retries, timeout)), request.Argument!, settings);
        }
        var connection = new OpenAiConnection(provider.BaseUrl, key, retries, timeout);
        return options.Flag("openai-batch") ? new Batch.OpenAiBatchPricer(connection, request.Argument!, settings, Path.Combine(request.Settings.Cache, Batch.OpenAiBatchPricer.RecordFolderName))
            : new FrontierPricer(new OpenAiChatBackend(connection), request.Argument!, settings);
    }
}
