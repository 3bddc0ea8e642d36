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
/// the tokenizer is thread-safe. <see cref="CurationPath.Fast"/> (the default) and <see cref="CurationPath.Baseline"/>
/// give the same items byte for byte; the fast path differs only for the Llama 3 tokenizer.
/// </summary>
public sealed class ItemCurator(ITextTokenizer tokenizer, CurationPath path = CurationPath.Fast)
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

    /// <summary>The fast path's encoder: the Llama 3 tokenizer's own, hand-written one (other tokenizers keep theirs).</summary>
    private readonly Llama3Encoder? _fast = path == CurationPath.Fast && tokenizer is Llama3Tokenizer llama ? llama.Fast : null;

    /// <summary>The fast path's cut, one per thread (it keeps the pieces of the text it encoded last).</summary>
    private readonly ThreadLocal<Llama3Cut>? _cuts =
        path == CurationPath.Fast && tokenizer is Llama3Tokenizer cutting ? new(() => new Llama3Cut(cutting.Fast)) : null;

    /// <summary>The counters of the path's piece cache, where its encoder keeps them (the fast path's).</summary>
    public IPieceCacheStatistics? PieceCache => _fast;

    /// <summary>The prompt's opening, a constant piece sequence wherever the text does not start with CR/LF.</summary>
    private const string Opening = Item.Question + "\n\n";

    // The opening's token count, counted on first use (-1 before); an int, so threads racing to set it are harmless.
    private int _openingTokens = -1;

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
        var cut = _cuts?.Value;
        string prompt;
        int promptTokens;
        if (cut is null)
        {
            // The path's scrubbed text: the first port's string steps, or the fast path's buffer.
            string? text = Path == CurationPath.Baseline ? FirstPortText(product.Title, product) : ScrubbedString(product.Title, product);
            if (text is null) return CurationOutcome.Skipped(SkipReason.TooFewCharacters);
            stageStart = Lap(CurationStage.Scrub, stageStart);
            var tokens = Tokenizer.Encode(text);
            stageStart = Lap(CurationStage.TokenizeAndCut, stageStart);
            if (tokens.Count <= MinTokens) return CurationOutcome.Skipped(SkipReason.TooFewTokens);
            // Decoded even when nothing is cut: Hugging Face's decode also cleans up spaces then.
            prompt = PromptOf(HuggingFaceDecoding.CleanUpTokenizationSpaces(Tokenizer.Decode(tokens.Take(MaxTokens))), price);
            stageStart = Lap(CurationStage.Decode, stageStart);
            promptTokens = Tokenizer.CountTokens(prompt);
        }
        else
        {
            int tokenCount;
            using (var scrubbed = ScrubbedText.Of(product.Title, product))
            {
                if (!scrubbed.Exists) return CurationOutcome.Skipped(SkipReason.TooFewCharacters);
                stageStart = Lap(CurationStage.Scrub, stageStart);
                // Beyond MaxTokens neither the cut nor the MinTokens filter looks, so the fast path encodes no further.
                tokenCount = cut.Encode(scrubbed.Span, enough: MaxTokens);
            }
            stageStart = Lap(CurationStage.TokenizeAndCut, stageStart);
            if (tokenCount <= MinTokens) return CurationOutcome.Skipped(SkipReason.TooFewTokens);
            int kept = Math.Min(tokenCount, MaxTokens);
            // Where the kept ids spell the text's start, and clean-up finds nothing to change, no decoded string is made.
            prompt = cut.TrySpell(kept, out var spelled) && !HuggingFaceDecoding.ChangesAnything(spelled)
                ? PromptOf(spelled, price)
                : PromptOf(HuggingFaceDecoding.CleanUpTokenizationSpaces(cut.Decode(kept)), price);
            stageStart = Lap(CurationStage.Decode, stageStart);
            promptTokens = CountPrompt(cut, prompt);
        }
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

    /// <summary>The course's prompt around the cut and cleaned text.</summary>
    private static string PromptOf(ReadOnlySpan<char> text, double price) =>
        $"{Opening}{text}\n\n{Item.Prefix}{PythonRound.ToIntegerString(price)}.00";

    private static string? ScrubbedString(string title, RawProduct product)
    {
        using var scrubbed = ScrubbedText.Of(title, product);
        return scrubbed.AsString();
    }

    /// <summary>
    /// The prompt's tokens: the opening's, then the rest's, which starts like the text just encoded, so
    /// <paramref name="cut"/> encodes only where it differs. The opening ends "?\n\n", one piece that a CR/LF after
    /// it would extend, and holds no special token ("&lt;|…|&gt;"); otherwise the rest splits as it does alone.
    /// </summary>
    private int CountPrompt(Llama3Cut cut, string prompt)
    {
        var rest = prompt.AsSpan(Opening.Length);
        if (Llama3PreTokenizer.IsLineBreak(rest[0])) return _fast!.CountTokens(prompt);
        if (_openingTokens < 0) _openingTokens = _fast!.CountTokens(Opening);
        return _openingTokens + cut.CountTokens(rest);
    }

    private long Lap(CurationStage stage, long start) => Clock?.Lap(stage, start) ?? 0;

    /// <summary>
    /// The first port's <c>scrub(title) + "\n" + scrub(contents[:CeilingChars])</c>, or null when the contents have
    /// <see cref="MinChars"/> code points or fewer. <c>Item.parse</c>'s contents: description lines, feature lines and
    /// scrubbed details, each part followed by a newline when it is not empty.
    /// </summary>
    private static string? FirstPortText(string title, RawProduct product)
    {
        var contents = new StringBuilder();
        AppendPart(contents, string.Join('\n', product.Description));
        AppendPart(contents, string.Join('\n', product.Features));
        if (!string.IsNullOrEmpty(product.Details)) AppendPart(contents, FirstPortScrubber.ScrubDetails(product.Details));
        string text = contents.ToString();
        if (PythonString.Length(text) <= MinChars) return null;
        return $"{FirstPortScrubber.Scrub(title)}\n{FirstPortScrubber.Scrub(PythonString.Prefix(text, CeilingChars))}";
    }

    private static void AppendPart(StringBuilder contents, string part)
    {
        if (part.Length > 0) contents.Append(part).Append('\n');
    }
}
