using System.Net;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace PricerLib.Frontier;

/// <summary>Where and how to reach Anthropic's Messages API.</summary>
/// <param name="BaseUrl">The API's root (the SDK appends <c>v1/messages</c>; a trailing <c>v1/</c> is dropped); null for Anthropic's own.</param>
/// <param name="Key">The API key (SDK 13.x sends it as <c>Authorization: Bearer</c>; 12.x sent <c>x-api-key</c>).</param>
/// <param name="MaxRetries">Retries after the first try, by the SDK's own policy.</param>
/// <param name="Timeout">Per try; the SDK's default is 10 minutes.</param>
public sealed record AnthropicConnection(Uri? BaseUrl, ApiKey Key, int MaxRetries = 3, TimeSpan? Timeout = null)
{
    /// <summary>Anthropic's API root, which the SDK uses when none is given.</summary>
    public static readonly Uri Production = new("https://api.anthropic.com/");

    /// <summary>
    /// <paramref name="url"/> as the SDK wants it: the root, since it appends <c>/v1/messages</c> itself, so an
    /// OpenAI-style <c>…/v1/</c> base URL (as <c>PRICER_FRONTIER_URL</c> holds) also works.
    /// </summary>
    public static Uri RootOf(Uri url) =>
        url.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal) ? new Uri(url, "..") : url;
}

/// <summary>
/// Claude as the course calls it (week 6 day 4), through the official Anthropic .NET SDK's Messages API: the system
/// text in its own <c>system</c> field, the user prompt, the assistant's "Price is $" as a prefill, <c>max_tokens</c>.
/// The Messages API has no seed, so none is sent. The SDK retries by itself (see <see cref="AnthropicConnection"/>):
/// connection failures, timeouts, 408, 409, 429 and 5xx, with exponential backoff from 0.5 s (jittered, capped at
/// 8 s) or exactly the server's <c>retry-after-ms</c> / <c>Retry-After</c>, and obeys an <c>x-should-retry</c> header;
/// a refused connection or an unknown host is not retried (<see cref="UnreachableServerHandler"/>).
/// </summary>
public sealed class AnthropicChatBackend : IChatBackend
{
    private readonly AnthropicClient _client;
    private readonly ApiKey _key;
    private readonly UnreachableServerHandler _unreachable = new();

    /// <summary>A backend for <paramref name="connection"/>.</summary>
    public AnthropicChatBackend(AnthropicConnection connection)
    {
        _key = connection.Key;
        var root = connection.BaseUrl is { } url ? AnthropicConnection.RootOf(url) : AnthropicConnection.Production;
        // Everything explicit: otherwise the SDK reads ANTHROPIC_BASE_URL / ANTHROPIC_API_KEY from the environment itself.
        _client = new AnthropicClient(new ClientOptions
        {
            BaseUrl = root.AbsoluteUri,
            ApiKey = connection.Key.Value,
            MaxRetries = connection.MaxRetries,
            Timeout = connection.Timeout,
            Handlers = [_unreachable],
        });
        Endpoint = connection.BaseUrl is null ? "anthropic" : root.AbsoluteUri;
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <summary>Requests sent so far, the SDK's retries included.</summary>
    public int Sends => _unreachable.Sends;

    /// <inheritdoc/>
    public async Task<ChatAnswer> CompleteAsync(IReadOnlyList<ChatTurn> messages, ChatParameters parameters, CancellationToken cancellationToken)
    {
        bool prefilled = messages.Count > 0 && messages[^1].Role == ChatRole.Assistant;
        if (parameters.ReasoningEffort is { } effort) throw new FrontierException(RejectsReasoningEffort(effort));
        try
        {
            var message = await _client.Messages.Create(Request(messages, parameters), cancellationToken).ConfigureAwait(false);
            return Answer(message, parameters.Model, prefilled);
        }
        catch (AnthropicApiException e)
        {
            throw new FrontierException(Describe(e, parameters.Model, prefilled),
                mayRetry: e.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)e.StatusCode >= 500);
        }
        catch (UnreachableServerException e)
        {
            throw new FrontierException(_key.Redact(Unreachable.Message(Endpoint, e)));
        }
        // Once its retries are spent, the SDK's policy throws an AggregateException of every try's failure.
        catch (Exception e) when (e is AnthropicIOException or HttpRequestException or IOException || e is AggregateException { InnerExceptions: var all } && all.All(f => f is HttpRequestException or IOException))
        {
            throw new FrontierException(_key.Redact(Unreachable.Message(Endpoint, e)), mayRetry: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrontierException($"{Endpoint} did not answer in time; retries exhausted.", mayRetry: true);
        }
        catch (Exception e) when (e is AnthropicInvalidDataException or JsonException or InvalidOperationException)
        {
            throw new FrontierException($"{Endpoint} sent something that is not a Messages API answer ({e.GetType().Name}).");
        }
    }

    /// <summary>The course's <c>claude.messages.create(model, max_tokens, system, messages)</c>.</summary>
    private static MessageCreateParams Request(IReadOnlyList<ChatTurn> messages, ChatParameters parameters)
    {
        var system = string.Join("\n\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Content));
        var request = new MessageCreateParams
        {
            Model = parameters.Model,
            MaxTokens = parameters.MaxTokens ?? FrontierDefaults.AnthropicMaxTokens,
            Messages = [.. messages.Where(m => m.Role != ChatRole.System).Select(ToSdk)],
        };
        return system.Length == 0 ? request : request with { System = system };
    }

    private static MessageParam ToSdk(ChatTurn turn) => turn.Role == ChatRole.User
        ? new UserMessageParam(new MessageContentParam(turn.Content))
        : new AssistantMessageParam(new MessageContentParam(turn.Content));

    private static ChatAnswer Answer(Message message, string model, bool prefilled)
    {
        var text = string.Concat(message.Content.Select(block => block.TryPickText(out var t) ? t.Text : ""));
        if (message.StopReason is { } reason && reason.Raw() == "refusal" && text.Length == 0)
            throw new FrontierException($"{model} refused to answer (stop_reason \"refusal\")." + (prefilled ? PrefillHint : ""));
        return new ChatAnswer(text, (int)message.Usage.InputTokens, (int)message.Usage.OutputTokens);
    }

    /// <summary>Why a reasoning effort cannot go to Claude here, and which option to drop.</summary>
    internal static string RejectsReasoningEffort(string effort) =>
        $"Claude's Messages API takes no reasoning_effort (\"{effort}\" was asked for): drop it with --reasoning-effort {FrontierDefaults.Unset}.";

    private const string PrefillHint = " Newer Claude models refuse an assistant prefill (\"Price is $\"): try --no-prefill.";

    private string Describe(AnthropicApiException e, string model, bool prefilled)
    {
        int status = (int)e.StatusCode;
        if (status == 401)
            return $"{Endpoint} refused the API key in {_key} (401). Check the variable or the user-secrets store, or pass --api-key-env NAME.";
        string detail = _key.Redact(ErrorBody.MessageOf(e.ResponseBody) ?? $"HTTP {status}");
        return status switch
        {
            400 => $"{Endpoint} rejected the request for '{model}' (400): {detail}." + (prefilled ? PrefillHint : ""),
            404 => $"{Endpoint} does not know model '{model}' (404): {detail}",
            429 => $"{Endpoint} kept rate-limiting (429) after every retry: {detail}",
            _ => $"{Endpoint} answered {status} after every retry: {detail}",
        };
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
