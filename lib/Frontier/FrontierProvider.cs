namespace PricerLib.Frontier;

/// <summary>Which API a provider speaks.</summary>
public enum FrontierApi
{
    /// <summary>OpenAI's chat completions (<c>/v1/chat/completions</c>), through the OpenAI SDK.</summary>
    OpenAi,
    /// <summary>Anthropic's Messages API (<c>/v1/messages</c>), through the Anthropic SDK.</summary>
    Anthropic,
}

/// <summary>
/// A provider as configuration: where it lives, which environment variable holds its key, which API it speaks and the
/// request dialect it understands. Presets cover the course's OpenAI and common compatible servers; any other is
/// <c>--base-url URL [--api-key-env NAME]</c>.
/// </summary>
/// <param name="Name">The preset's name (<c>--provider</c>), or <c>custom</c>.</param>
/// <param name="BaseUrl">The base URL (…/v1/); null for OpenAI's own endpoint, which the SDK knows.</param>
/// <param name="KeyVariable">The environment variable holding the key; null when the server takes none.</param>
/// <param name="TokenLimit">Which field carries the 5-token limit by default.</param>
/// <param name="Prefill">Whether the assistant's "Price is $" is sent by default (the course does; newer models may refuse it).</param>
/// <param name="Api">The API it speaks.</param>
public sealed record FrontierProvider(string Name, Uri? BaseUrl, string? KeyVariable, TokenLimitField TokenLimit = TokenLimitField.MaxTokens,
    bool Prefill = true, FrontierApi Api = FrontierApi.OpenAi)
{
    /// <summary>True for a server on this machine (Ollama's preset, any loopback base URL): it costs nothing, so no cost gate.</summary>
    public bool IsLocal => BaseUrl is { IsLoopback: true };

    /// <summary>The name of a provider given only by <c>--base-url</c>.</summary>
    public const string Custom = "custom";

    /// <summary>The presets, by name.</summary>
    public static IReadOnlyDictionary<string, FrontierProvider> Presets { get; } = new[]
    {
        new FrontierProvider("openai", null, "OPENAI_API_KEY"),
        // Claude as the course calls it: the Messages API with its system field and the assistant prefill.
        new FrontierProvider("anthropic", null, "ANTHROPIC_API_KEY", Api: FrontierApi.Anthropic),
        // Gemini through its OpenAI-compatible endpoint (LiteLLM's gemini/ prefix in the 2025 course).
        new FrontierProvider("gemini", new Uri("https://generativelanguage.googleapis.com/v1beta/openai/"), "GOOGLE_API_KEY"),
        // xAI's Grok speaks OpenAI's chat completions (LiteLLM's xai/ prefix).
        new FrontierProvider("xai", new Uri("https://api.x.ai/v1/"), "XAI_API_KEY"),
        // Local servers ignore the key; the SDK still sends a placeholder.
        new FrontierProvider("ollama", new Uri("http://localhost:11434/v1/"), null),
        new FrontierProvider("vllm", new Uri("http://localhost:8000/v1/"), null),
        new FrontierProvider("lmstudio", new Uri("http://localhost:1234/v1/"), null),
    }.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The provider for <c>--provider</c>, <c>--base-url</c>, <c>--api-key-env</c> and <c>--api</c>: a preset (its URL,
    /// key variable and API replaced by the others where given), or, with only a base URL, a custom endpoint that gets a
    /// key only when <paramref name="keyVariable"/> names one (so no key is ever sent to a server it was not meant for).
    /// </summary>
    /// <exception cref="FrontierException">An unknown preset or a malformed URL.</exception>
    public static FrontierProvider Resolve(string? provider, string? baseUrl, string? keyVariable, FrontierApi? api = null)
    {
        FrontierProvider chosen;
        if (provider is { Length: > 0 })
        {
            if (!Presets.TryGetValue(provider, out chosen!))
                throw new FrontierException($"Unknown provider '{provider}'. Known: {string.Join(", ", Presets.Keys)}; or give --base-url URL [--api-key-env NAME].");
        }
        else chosen = baseUrl is { Length: > 0 } ? new FrontierProvider(Custom, null, null) : Presets["openai"];
        if (baseUrl is { Length: > 0 })
        {
            if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                throw new FrontierException($"--base-url must be an http(s) URL such as http://localhost:8000/v1/, not '{baseUrl}'.");
            chosen = chosen with { BaseUrl = url };
        }
        if (api is { } speaks) chosen = chosen with { Api = speaks };
        return keyVariable is { Length: > 0 } ? chosen with { KeyVariable = keyVariable } : chosen;
    }

    /// <summary>
    /// The key from <see cref="KeyVariable"/>, else from the workbook's user-secrets store under that name
    /// (<paramref name="secrets"/>; default: the user's); a placeholder when the provider needs none.
    /// </summary>
    /// <exception cref="FrontierException">The provider needs a key and neither place has it.</exception>
    public ApiKey ReadKey(WorkbookSecrets? secrets = null)
    {
        if (KeyVariable is null) return ApiKey.Of("(none)", "");
        var key = ApiKey.Find(KeyVariable, secrets);
        if (!key.IsSet)
            throw new FrontierException($"Provider '{Name}' needs an API key in the environment variable {KeyVariable} or in the workbook's " +
                $".NET user-secrets, and neither has it. Set it (export {KeyVariable}=…, or dotnet user-secrets set {KeyVariable} --id " +
                $"{WorkbookSecrets.UserSecretsId}: see notebooks/00-settings.dib), or pass --api-key-env NAME.");
        return key;
    }
}
