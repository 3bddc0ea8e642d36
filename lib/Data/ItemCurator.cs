using System.Diagnostics;
using System.Text;
using PricerLib.Text;
using PricerLib.Tokenization;

namespace PricerLib.Data;

/// <summary>What curating one row gave: an item, or the reason it was skipped.</summary>
public readonly record struct CurationOutcome(Item? Item, SkipReason? Skip)
{
    /// <summary>An outcome with an item.</summary>
    public static CurationOutcome Kept(Item item) => new(item, null);

    /// <summary>An outcome with a skip reason.</summary>
    public static CurationOutcome Skipped(SkipReason reason) => new(null, reason);
}

/// <summary>
/// The course's 2024 <c>Item</c> pipeline (with <c>from_datapoint</c>'s price filter): price filter, parse, scrub,
/// token cut, prompt. Stateless apart from the tokenizer, so one instance may be used from many threads as long as
/// the tokenizer is thread-safe.
/// </summary>
public sealed class ItemCurator(ITextTokenizer tokenizer, CurationPath path = CurationPath.Baseline)
{
    /// <summary>Rows whose description, features and details have this many code points or fewer are skipped.</summary>
    public const int MinChars = 300;

    /// <summary>The text must have more than this many tokens.</summary>
    public const int MinTokens = 150;

    /// <summary>The text is cut to this many tokens.</summary>
    public const int MaxTokens = 160;

    /// <summary>Contents are cut to this many code points before scrubbing (the course's <c>MAX_TOKENS * 7</c>).</summary>
    public const int CeilingChars = MaxTokens * 7;

    /// <summary>Lowest price kept, inclusive.</summary>
    public const double MinPrice = 0.5;

    /// <summary>Highest price kept, inclusive.</summary>
    public const double MaxPrice = 999.49;

    /// <summary>How the output is computed (the output is the same either way).</summary>
    public CurationPath Path { get; } = path;

    /// <summary>The tokenizer that cuts the text and counts the prompt.</summary>
    public ITextTokenizer Tokenizer { get; } = tokenizer;

    /// <summary>Where to add the time of each stage (benchmarks); null to time nothing.</summary>
    public CurationStageClock? Clock { get; init; }

    /// <summary>Curates one row. <paramref name="category"/> wins over the row's <c>main_category</c> when given.</summary>
    public CurationOutcome Curate(RawProduct product, string? category = null)
    {
        if (product.Title is null) return CurationOutcome.Skipped(SkipReason.MissingTitle);
        // `if price_str:` — an empty string is falsy; "0" is not (it fails the range check instead).
        if (string.IsNullOrEmpty(product.Price)) return CurationOutcome.Skipped(SkipReason.NoPrice);
        if (!PythonFloat.TryParse(product.Price, out double price)) return CurationOutcome.Skipped(SkipReason.UnparsablePrice);
        // Written so that NaN fails too, as it fails Python's chained comparison.
        if (!(price >= MinPrice && price <= MaxPrice)) return CurationOutcome.Skipped(SkipReason.PriceOutOfRange);

        long stageStart = Clock is null ? 0 : Stopwatch.GetTimestamp();
        string contents = Contents(product);
        if (PythonString.Length(contents) <= MinChars) return CurationOutcome.Skipped(SkipReason.TooFewCharacters);
        contents = PythonString.Prefix(contents, CeilingChars);

        string text = $"{ItemScrubber.Scrub(product.Title)}\n{ItemScrubber.Scrub(contents)}";
        stageStart = Lap(CurationStage.Scrub, stageStart);
        var tokens = Tokenizer.Encode(text);
        stageStart = Lap(CurationStage.TokenizeAndCut, stageStart);
        if (tokens.Count <= MinTokens) return CurationOutcome.Skipped(SkipReason.TooFewTokens);
        // Decoded even when nothing is cut: Hugging Face's decode also cleans up spaces then.
        text = Tokenizer.DecodeCleaned(tokens.Take(MaxTokens));
        stageStart = Lap(CurationStage.Decode, stageStart);

        string prompt = $"{Item.Question}\n\n{text}\n\n{Item.Prefix}{PythonRound.ToIntegerString(price)}.00";
        int promptTokens = Tokenizer.CountTokens(prompt);
        Lap(CurationStage.PromptCount, stageStart);
        return CurationOutcome.Kept(new Item
        {
            Title = product.Title,
            Category = category ?? product.MainCategory,
            Price = price,
            Details = product.Details,
            Prompt = prompt,
            TokenCount = promptTokens,
        });
    }

    private long Lap(CurationStage stage, long start) => Clock?.Lap(stage, start) ?? 0;

    /// <summary>
    /// <c>Item.parse</c>'s contents: description lines, feature lines and scrubbed details, each part followed by a
    /// newline when it is not empty.
    /// </summary>
    private static string Contents(RawProduct product)
    {
        var contents = new StringBuilder();
        AppendPart(contents, string.Join('\n', product.Description));
        AppendPart(contents, string.Join('\n', product.Features));
        if (!string.IsNullOrEmpty(product.Details)) AppendPart(contents, ItemScrubber.ScrubDetails(product.Details));
        return contents.ToString();
    }

    private static void AppendPart(StringBuilder contents, string part)
    {
        if (part.Length > 0) contents.Append(part).Append('\n');
    }
}
