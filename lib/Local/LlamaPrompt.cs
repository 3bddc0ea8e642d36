using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Tokenization;

namespace PricerLib.Local;

/// <summary>
/// The text a base model continues, by edition. 2024: the item's test prompt (week 7's "How much does this cost to the
/// nearest dollar?…Price is $"). 2025: week 7's <c>make_prompts</c> — "What does this cost to the nearest
/// dollar?\n\n{summary}\n\nPrice is $", the summary cut to 110 tokens of Llama 3.2's tokenizer (the Llama 3 vocabulary)
/// and decoded back with trailing whitespace stripped, as the course does.
/// </summary>
public sealed class LlamaPrompt
{
    /// <summary>The 2025 question.</summary>
    public const string Question2025 = "What does this cost to the nearest dollar?";

    /// <summary>The 2025 course's <c>CUTOFF</c>: summary tokens kept.</summary>
    public const int SummaryTokens2025 = 110;

    private readonly ITextTokenizer? _tokenizer;

    private LlamaPrompt(CourseEdition edition, ITextTokenizer? tokenizer) => (Edition, _tokenizer) = (edition, tokenizer);

    /// <summary>The 2024 prompt: the item's test prompt as stored.</summary>
    public static LlamaPrompt Course2024 { get; } = new(CourseEdition.Course2024, null);

    /// <summary>The 2025 prompt, cutting summaries with <paramref name="llama3"/>.</summary>
    /// <exception cref="LocalModelException"><paramref name="llama3"/> is the cl100k_base fallback, which would cut in the wrong places.</exception>
    public static LlamaPrompt Course2025(ITextTokenizer llama3) => llama3 is Cl100kFallback
        ? throw new LocalModelException("The 2025 prompt cuts each summary to 110 tokens of the Llama 3 tokenizer, and none is set: " +
            "run `pricer download-tokenizer`, or set PRICER_TOKENIZER to a Llama 3 tokenizer.model or a Llama 3.x GGUF.")
        : new(CourseEdition.Course2025, llama3);

    /// <summary>The edition whose prompt this is.</summary>
    public CourseEdition Edition { get; }

    /// <summary>The prompt for <paramref name="item"/>, ending right after "Price is $".</summary>
    /// <exception cref="LocalModelException">A 2025 prompt for an item without a summary.</exception>
    public string For(Item item)
    {
        if (_tokenizer is null) return item.TestPrompt;
        if (item.Summary is not { Length: > 0 } summary)
            throw new LocalModelException($"'{item.Title}' has no summary: the 2025 prompt is built from the summaries of the 2025 items. " +
                "Use a 2025 items file, or the 2024 prompt (--prompt 2024, or PRICER_EDITION=2024).");
        return $"{Question2025}\n\n{Cut(summary, _tokenizer, SummaryTokens2025)}\n\n{Item.Prefix}";
    }

    /// <summary>
    /// <paramref name="text"/> cut to its first <paramref name="maxTokens"/> tokens (<c>tokenizer.decode(tokens[:max]).rstrip()</c>),
    /// or unchanged when it has no more.
    /// </summary>
    public static string Cut(string text, ITextTokenizer tokenizer, int maxTokens)
    {
        var tokens = tokenizer.Encode(text);
        return tokens.Count > maxTokens ? tokenizer.Decode(tokens.Take(maxTokens)).TrimEnd() : text;
    }
}
