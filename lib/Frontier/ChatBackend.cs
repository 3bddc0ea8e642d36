namespace PricerLib.Frontier;

/// <summary>Which request field carries the answer's token limit.</summary>
public enum TokenLimitField
{
    /// <summary><c>max_tokens</c>, as the course sends it; understood by every OpenAI-compatible server.</summary>
    MaxTokens,
    /// <summary><c>max_completion_tokens</c>, which OpenAI's reasoning models require (the SDK's own field).</summary>
    MaxCompletionTokens,
}

/// <summary>What a chat request asks for besides its messages; part of the response cache's key.</summary>
/// <param name="Model">The model id (a fine-tuned id may contain colons).</param>
/// <param name="MaxTokens">The answer's token limit (the 2024 course: 5); null: none sent (the 2025 course sends none).</param>
/// <param name="TokenLimit">Which field carries it.</param>
/// <param name="Seed">Sent as <c>seed</c> where the backend takes one (the course: 42).</param>
/// <param name="ReasoningEffort">Sent as <c>reasoning_effort</c> (<c>low</c>, <c>high</c>…); null: not sent.</param>
public sealed record ChatParameters(string Model, int? MaxTokens, TokenLimitField TokenLimit, int? Seed, string? ReasoningEffort = null);

/// <summary>A chat model's answer.</summary>
/// <param name="Text">The reply's text ("" when the model said nothing).</param>
/// <param name="InputTokens">Prompt tokens the provider counted (0 when it did not say).</param>
/// <param name="OutputTokens">Answer tokens the provider counted.</param>
public sealed record ChatAnswer(string Text, int InputTokens, int OutputTokens);

/// <summary>
/// One way of sending chat messages to a model (the OpenAI SDK against any compatible endpoint, or any
/// Microsoft.Extensions.AI chat client). Implementations retry transient failures themselves and throw
/// <see cref="FrontierException"/> for a failure that remains.
/// </summary>
public interface IChatBackend : IAsyncDisposable
{
    /// <summary>Where requests go, without credentials (part of the cache key, shown in run records).</summary>
    string Endpoint { get; }

    /// <summary>Sends <paramref name="messages"/> and returns the answer.</summary>
    Task<ChatAnswer> CompleteAsync(IReadOnlyList<ChatTurn> messages, ChatParameters parameters, CancellationToken cancellationToken);
}
