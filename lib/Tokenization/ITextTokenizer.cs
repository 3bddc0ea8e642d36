namespace PricerLib.Tokenization;

/// <summary>
/// A tokenizer as the course's Hugging Face one is used: encode without special tokens, count, decode.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Where the vocabulary came from, e.g. "llama3 (tokenizer.model)" or "cl100k_base (fallback)".</summary>
    string Name { get; }

    /// <summary>Token ids of <paramref name="text"/>, without special tokens (<c>add_special_tokens=False</c>).</summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>The number of tokens <see cref="Encode"/> would return.</summary>
    int CountTokens(string text);

    /// <summary>
    /// The text of <paramref name="ids"/>: their bytes joined and read as UTF-8, each invalid sequence
    /// (e.g. a character cut in half) becoming U+FFFD. No clean-up of spaces.
    /// </summary>
    string Decode(IEnumerable<int> ids);
}
