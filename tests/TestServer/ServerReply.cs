namespace PricerLib.TestServer;

/// <summary>One top-k entry of a completion's log-probs at one position.</summary>
/// <param name="Token">The token's text.</param>
/// <param name="Logprob">Its natural-log probability.</param>
public sealed record TokenLogprob(string Token, double Logprob);

/// <summary>
/// How the server answers one request. Build it with the static factories and <see cref="After"/>; the server turns
/// it into the endpoint's JSON (a chat completion for <c>/v1/chat/completions</c>, a text completion for
/// <c>/v1/completions</c>).
/// </summary>
public sealed partial record ServerReply
{
    /// <summary>The HTTP status; 200 for an answer.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The assistant's text (chat) or the completion text.</summary>
    public string? Content { get; init; }

    /// <summary>Sent as the <c>Retry-After</c> header (whole seconds) with an error status.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Sent verbatim as the body instead of the endpoint's JSON (garbage, truncated JSON, HTML).</summary>
    public string? RawBody { get; init; }

    /// <summary>Answer with <c>"choices": []</c>.</summary>
    public bool NoChoices { get; init; }

    /// <summary>
    /// The model refused: an empty answer with <c>stop_reason: "refusal"</c> (<c>/v1/messages</c>), or a message whose
    /// <c>content</c> is null and whose <c>refusal</c> is <see cref="RefusalText"/> (<c>/v1/chat/completions</c>).
    /// </summary>
    public bool Refused { get; init; }

    /// <summary>The <c>refusal</c> text of a refused chat completion.</summary>
    public const string RefusalText = "I'm sorry, I can't help with that.";

    /// <summary>Close the connection without answering.</summary>
    public bool Drop { get; init; }

    /// <summary>Wait this long before answering (on top of the server's latency).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Completion log-probs: one top-k list per generated token, the chosen token first.</summary>
    public IReadOnlyList<IReadOnlyList<TokenLogprob>>? Logprobs { get; init; }

    /// <summary><c>usage.prompt_tokens</c>; estimated from the request (4 characters a token) when null.</summary>
    public int? PromptTokens { get; init; }

    /// <summary><c>usage.completion_tokens</c>; estimated from <see cref="Content"/> when null.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>A successful answer whose text is <paramref name="content"/>.</summary>
    public static ServerReply Text(string content, int? promptTokens = null, int? completionTokens = null) =>
        new() { Content = content, PromptTokens = promptTokens, CompletionTokens = completionTokens };

    /// <summary>An OpenAI-style error (<c>{"error": {...}}</c>) with <paramref name="status"/>, e.g. 429, 500, 401.</summary>
    public static ServerReply Error(int status, TimeSpan? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };

    /// <summary>A 200 whose body is not the JSON the client expects.</summary>
    public static ServerReply Garbage(string body = "<html>upstream hiccup</html>") => new() { RawBody = body };

    /// <summary>A 200 with an empty choice list.</summary>
    public static ServerReply EmptyChoices() => new() { NoChoices = true };

    /// <summary>A 200 in which the model refused to answer (<c>/v1/messages</c>: <c>stop_reason: "refusal"</c>).</summary>
    public static ServerReply Refusal() => new() { Refused = true };

    /// <summary>The connection is dropped before any response is sent.</summary>
    public static ServerReply Dropped() => new() { Drop = true };

    /// <summary>A completion whose text is the chosen (first) token of each position, with those log-probs.</summary>
    public static ServerReply Completion(params IReadOnlyList<TokenLogprob>[] positions) =>
        new() { Content = string.Concat(positions.Select(p => p[0].Token)), Logprobs = positions };

    /// <summary>The same reply, sent after <paramref name="delay"/> (for timeouts and slow answers).</summary>
    public ServerReply After(TimeSpan delay) => this with { Delay = delay };
}
