using System.Buffers;

namespace PricerLib.Tokenization;

/// <summary>The decoding clean-up of Hugging Face's tokenizers, on in the Llama 3.1 tokenizer config the course uses.</summary>
public static class HuggingFaceDecoding
{
    // Order matters: the replacements run one after another, as in transformers' clean_up_tokenization.
    private static readonly (string From, string To)[] Replacements =
    [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ];

    private static readonly SearchValues<string> Froms =
        SearchValues.Create(Replacements.Select(r => r.From).ToArray(), StringComparison.Ordinal);

    /// <summary>
    /// Whether <see cref="CleanUpTokenizationSpaces"/> changes <paramref name="text"/>: exactly when one of its
    /// replacements finds its text there (the first that does shortens it, and none before it changed anything).
    /// </summary>
    public static bool ChangesAnything(ReadOnlySpan<char> text) => text.IndexOfAny(Froms) >= 0;

    /// <summary>
    /// transformers' <c>clean_up_tokenization</c>: removes the space before ". ? ! ," and before English contractions,
    /// by sequential ordinal replacements (non-overlapping, left to right, like Python's <c>str.replace</c>).
    /// </summary>
    public static string CleanUpTokenizationSpaces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (from, to) in Replacements)
            text = text.Replace(from, to, StringComparison.Ordinal);
        return text;
    }
}

/// <summary>Decoding the way the course's Hugging Face tokenizer decodes.</summary>
public static class TokenizerExtensions
{
    /// <summary>
    /// <c>tokenizer.decode(ids)</c> with the Llama 3.1 config: lossy UTF-8 of the tokens' bytes, then
    /// <see cref="HuggingFaceDecoding.CleanUpTokenizationSpaces"/>.
    /// </summary>
    public static string DecodeCleaned(this ITextTokenizer tokenizer, IEnumerable<int> ids) =>
        HuggingFaceDecoding.CleanUpTokenizationSpaces(tokenizer.Decode(ids));

    /// <summary>
    /// The course's cut: the first <paramref name="maxTokens"/> tokens of <paramref name="text"/> (without special
    /// tokens), decoded with <see cref="DecodeCleaned"/>. The clean-up applies even when nothing is cut, as in the course.
    /// </summary>
    public static string Truncate(this ITextTokenizer tokenizer, string text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        var ids = tokenizer.Encode(text);
        return tokenizer.DecodeCleaned(ids.Count <= maxTokens ? ids : ids.Take(maxTokens));
    }
}
