using System.ClientModel;
using System.Collections.Concurrent;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace PricerLib.Frontier;

/// <summary>Where and how to reach an OpenAI-compatible endpoint.</summary>
/// <param name="BaseUrl">The endpoint's base URL (…/v1/); null for OpenAI's own.</param>
/// <param name="Key">The API key (or a placeholder for servers that need none).</param>
/// <param name="MaxRetries">Retries after the first try, by the SDK's policy.</param>
/// <param name="Timeout">Per try; the SDK's default is 100 s.</param>
/// <param name="RetryDelayScale">Multiplies the policy's waits (tests only; 1 in use).</param>
public sealed record OpenAiConnection(Uri? BaseUrl, ApiKey Key, int MaxRetries = 3, TimeSpan? Timeout = null, double RetryDelayScale = 1.0)
{
    /// <summary>Called before each retry with the wait the SDK's policy chose (for progress lines and tests).</summary>
    public Action<TimeSpan>? Retrying { get; init; }
}

/// <summary>
/// Chat completions through the official OpenAI .NET SDK, against OpenAI or any compatible server (Gemini's endpoint,
/// Ollama, vLLM, LM Studio, the test server). The course's <c>max_tokens</c> goes out through the SDK's JSON patch,
/// since the SDK's own <c>MaxOutputTokenCount</c> is sent as <c>max_completion_tokens</c>.
/// </summary>
public sealed class OpenAiChatBackend : IChatBackend
{
    private readonly OpenAIClient _client;
    private readonly ApiKey _key;
    private readonly ConcurrentDictionary<string, ChatClient> _chats = new(StringComparer.Ordinal);

    /// <summary>A backend for <paramref name="connection"/>.</summary>
    public OpenAiChatBackend(OpenAiConnection connection)
    {
        _key = connection.Key;
        RetryPolicy = new FrontierRetryPolicy(connection.MaxRetries, connection.RetryDelayScale) { Retrying = connection.Retrying };
        var options = new OpenAIClientOptions { RetryPolicy = RetryPolicy };
        if (connection.BaseUrl is { } url) options.Endpoint = url;
        if (connection.Timeout is { } timeout) options.NetworkTimeout = timeout;
        _client = new OpenAIClient(new ApiKeyCredential(connection.Key.Value), options);
        Endpoint = connection.BaseUrl?.AbsoluteUri ?? "openai";
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <summary>The SDK retry policy in use (its retry count, for tests and reports).</summary>
    public FrontierRetryPolicy RetryPolicy { get; }

    /// <inheritdoc/>
    public async Task<ChatAnswer> CompleteAsync(IReadOnlyList<ChatTurn> messages, ChatParameters parameters, CancellationToken cancellationToken)
    {
        var chat = _chats.GetOrAdd(parameters.Model, model => _client.GetChatClient(model));
        try
        {
            var completion = (await chat.CompleteChatAsync(messages.Select(ToSdk), Options(parameters), cancellationToken).ConfigureAwait(false)).Value;
            return Answer(completion, parameters.Model);
        }
        catch (ClientResultException e)
        {
            throw new FrontierException(Describe(e, parameters), mayRetry: e.Status is 0 or 408 or 429 or >= 500, e.Status == 401 ? null : e);
        }
        // Once its retries are spent, the SDK's policy throws an AggregateException of every try's failure.
        catch (Exception e) when (e is HttpRequestException or IOException || e is AggregateException { InnerExceptions: var all } && all.All(f => f is HttpRequestException or IOException))
        {
            throw new FrontierException(_key.Redact(Unreachable.Message(Endpoint, e)), mayRetry: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrontierException($"{Endpoint} did not answer in time; retries exhausted.", mayRetry: true);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FrontierException($"{Endpoint} sent something that is not a chat completion ({e.GetType().Name}).");
        }
    }

    private static ChatAnswer Answer(ChatCompletion completion, string model)
    {
        // The SDK reads choices[0] lazily and throws ArgumentOutOfRangeException when the list is empty.
        IReadOnlyList<ChatMessageContentPart> content;
        string? refusal;
        try
        {
            content = completion.Content;
            refusal = completion.Refusal;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new FrontierException($"{model} answered with an empty choice list.");
        }
        if (content.Count == 0 && refusal is { Length: > 0 })
            throw new FrontierException($"{model} refused: \"{refusal}\". Some newer models refuse the assistant prefill: try --no-prefill.") { Refusal = refusal };
        var text = string.Concat(content.Where(part => part.Kind == ChatMessageContentPartKind.Text).Select(part => part.Text));
        return new ChatAnswer(text, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0);
    }

#pragma warning disable OPENAI001, SCME0001 // Seed and the JSON patch are marked experimental in the SDK.
    private static ChatCompletionOptions Options(ChatParameters parameters)
    {
        var options = new ChatCompletionOptions();
        if (parameters.Seed is { } seed) options.Seed = seed;
        if (parameters.MaxTokens is { } limit)
        {
            if (parameters.TokenLimit == TokenLimitField.MaxCompletionTokens) options.MaxOutputTokenCount = limit;
            else options.Patch.Set("$.max_tokens"u8, limit);
        }
        // Through the patch rather than the SDK's ReasoningEffortLevel, so any level a provider takes (gpt-5.1's "none") goes out as typed.
        if (parameters.ReasoningEffort is { } effort) options.Patch.Set("$.reasoning_effort"u8, effort);
        return options;
    }
#pragma warning restore OPENAI001, SCME0001

    private static ChatMessage ToSdk(ChatTurn turn) => turn.Role switch
    {
        ChatRole.System => new SystemChatMessage(turn.Content),
        ChatRole.User => new UserChatMessage(turn.Content),
        _ => new AssistantChatMessage(turn.Content),
    };

    private string Describe(ClientResultException e, ChatParameters parameters)
    {
        string model = parameters.Model;
        if (e.Status == 401)
            return $"{Endpoint} refused the API key in {_key} (401). Check the variable, or pass --api-key-env NAME.";
        string? body = e.GetRawResponse()?.Content?.ToString();
        string detail = _key.Redact(ErrorBody.MessageOf(body) ?? e.Message);
        // Providers word it differently (OpenAI: "Unsupported parameter: 'reasoning_effort'", xAI: "reasoningEffort"), all name it.
        if (e.Status == 400 && parameters.ReasoningEffort is { } effort && (body ?? e.Message).Contains("reasoning", StringComparison.OrdinalIgnoreCase))
            return $"{Endpoint} rejected reasoning_effort \"{effort}\" for '{model}' (400): {_key.Redact(body ?? e.Message)}. " +
                $"Drop it with --reasoning-effort {FrontierDefaults.Unset} (or choose another level).";
        return e.Status switch
        {
            404 => $"{Endpoint} does not know model '{model}' (404): {detail}",
            429 => $"{Endpoint} kept rate-limiting (429) after every retry: {detail}",
            0 => _key.Redact(Unreachable.Message(Endpoint, e)), // no answer at all: the SDK wraps the transport's failure
            _ => $"{Endpoint} answered {e.Status} after every retry: {detail}",
        };
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
