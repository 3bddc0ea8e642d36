using Microsoft.Extensions.AI;
using Ai = Microsoft.Extensions.AI;

namespace PricerLib.Frontier;

/// <summary>
/// Any <c>Microsoft.Extensions.AI</c> <see cref="IChatClient"/> a notebook brings (the OpenAI SDK's adapted by
/// <c>AsIChatClient()</c>, the Anthropic SDK's, Ollama's, Azure's…) as a chat backend, so it gets the course's
/// messages, the parser, the cache, the budget and the batch path like the built-in ones. The client keeps its own
/// model, key and retries; the caller owns and disposes it. The token limit goes out as the client maps
/// <see cref="ChatOptions.MaxOutputTokens"/> (the OpenAI adapter: <c>max_completion_tokens</c>, not the course's
/// <c>max_tokens</c>), the seed as <see cref="ChatOptions.Seed"/>.
/// </summary>
/// <param name="client">The chat client.</param>
/// <param name="name">Names the client in the cache key and run records (use a new name for a different model or endpoint).</param>
public sealed class ChatClientBackend(IChatClient client, string name) : IChatBackend
{
    /// <inheritdoc/>
    public string Endpoint { get; } = "chat-client:" + name;

    /// <inheritdoc/>
    public async Task<ChatAnswer> CompleteAsync(IReadOnlyList<ChatTurn> messages, ChatParameters parameters, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { MaxOutputTokens = parameters.MaxTokens, Seed = parameters.Seed };
        if (parameters.ReasoningEffort is { } effort) (options.AdditionalProperties ??= [])["reasoning_effort"] = effort;
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages.Select(ToAi), options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A foreign client's failures have no common type: each becomes this item's failure, never the run's.
            throw new FrontierException($"The chat client '{name}' failed: {e.GetType().Name}: {e.Message}");
        }
        return new ChatAnswer(response.Text, (int)(response.Usage?.InputTokenCount ?? 0), (int)(response.Usage?.OutputTokenCount ?? 0));
    }

    private static Ai.ChatMessage ToAi(ChatTurn turn) => new(turn.Role switch
    {
        ChatRole.System => Ai.ChatRole.System,
        ChatRole.User => Ai.ChatRole.User,
        _ => Ai.ChatRole.Assistant,
    }, turn.Content);

    /// <summary>Nothing: the client belongs to whoever made it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
