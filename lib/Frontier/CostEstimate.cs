using PricerLib.Data;
using PricerLib.Tokenization;

namespace PricerLib.Frontier;

/// <summary>A run's expected size and price before it is sent.</summary>
/// <param name="Requests">Requests to send (items not in the cache).</param>
/// <param name="InputTokens">Prompt tokens, counted with cl100k_base plus the chat format's overhead.</param>
/// <param name="OutputTokens">At most the token limit per request (without one: <see cref="FrontierDefaults.AssumedAnswerTokens"/>).</param>
/// <param name="CostUsd">Dollars, from the price table; null when the model is not in it.</param>
public sealed record CostEstimate(int Requests, long InputTokens, long OutputTokens, double? CostUsd)
{
    // OpenAI's documented chat framing: about 3 tokens per message plus 3 to prime the reply.
    private const int TokensPerMessage = 3, ReplyPrimer = 3;

    private static readonly Lazy<Cl100kFallback> Tokenizer = new(() => new Cl100kFallback());

    /// <summary>
    /// Estimates pricing <paramref name="items"/> with <paramref name="model"/>. Token counts use cl100k_base, which
    /// GPT-4o's o200k_base vocabulary differs from by a few percent: close enough for a budget. Priced at the Batch
    /// API's rate when <paramref name="batch"/>.
    /// </summary>
    public static CostEstimate For(IReadOnlyList<Item> items, string model, FrontierOptions options, bool batch = false)
    {
        long input = items.Sum(item => (long)CountInput(options.MessagesFor(item)));
        long output = (long)items.Count * options.EstimatedAnswerTokens;
        return new CostEstimate(items.Count, input, output, options.Prices.Cost(model, input, output, batch));
    }

    /// <summary>One request's estimated cost (all of its token limit used); null when the model is not in the table.</summary>
    public static double? PerRequest(IReadOnlyList<ChatTurn> messages, int maxTokens, string model, PriceTable prices) =>
        prices.Cost(model, CountInput(messages), maxTokens);

    private static int CountInput(IReadOnlyList<ChatTurn> messages) =>
        messages.Sum(m => Tokenizer.Value.CountTokens(m.Content) + TokensPerMessage) + ReplyPrimer;

    /// <summary>"250 requests, ~41,000 input and ≤1,250 output tokens, about $0.0069".</summary>
    public override string ToString() =>
        $"{Requests:N0} requests, ~{InputTokens:N0} input and ≤{OutputTokens:N0} output tokens, " +
        (CostUsd is { } cost ? $"about ${cost:0.0000}" : "cost unknown (model not in the price table)");
}
