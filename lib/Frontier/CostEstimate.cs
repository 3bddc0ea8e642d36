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

    /// <summary>
    /// The run's cost gate, decided once before any request: null when it may be sent (nothing to send, --yes, no
    /// threshold, or an estimate within it), else why not — an unknown cost is not "above" a threshold, it is unknown.
    /// </summary>
    public string? Refusal(FrontierOptions options) =>
        Requests == 0 || options.Confirmed || options.ConfirmAboveUsd is not { } threshold ? null
        : CostUsd is not { } cost ? $"the cost is unknown ({Requests:N0} requests to a model not in the price table); pass --yes to send them, or --price-table FILE with its prices"
        : cost > threshold ? $"the estimated cost ({this}) is above ${threshold:0.##}; pass --yes to send it (or raise --confirm-above)"
        : null;

    /// <summary>"250 requests, ~41,000 input and ≤1,250 output tokens, about $0.0069".</summary>
    public override string ToString() =>
        $"{Requests:N0} requests, ~{InputTokens:N0} input and ≤{OutputTokens:N0} output tokens, " +
        (CostUsd is { } cost ? $"about ${cost:0.0000}" : "cost unknown (model not in the price table)");
}
