using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace PricerLib.Retrieval;

/// <summary>
/// Hugging Face's <c>BertNormalizer</c> (clean text, CJK characters apart, strip accents, lower-case), as
/// all-MiniLM-L6-v2's <c>tokenizer.json</c> configures it, over code points rather than UTF-16 units.
/// </summary>
/// <remarks>
/// Hand-written because <c>Microsoft.ML.Tokenizers</c>' <c>BertTokenizer</c> (2.0.1), checked against the rules, drops
/// symbols that Hugging Face keeps (<c>$ + &lt; | ~</c>, emoji, circled digits, mathematical letters: each is a token or
/// <c>[UNK]</c> there) and splits words at format characters (soft hyphen, zero-width joiner) that Hugging Face removes.
/// Its WordPiece step is right and is used (<see cref="MiniLmTokenizer"/>).
/// Order as in the Rust <c>tokenizers</c>: clean, CJK, strip accents (NFD, drop non-spacing marks), lower-case.
/// </remarks>
public sealed class BertTextNormalizer : Normalizer
{
    /// <inheritdoc />
    public override string Normalize(string original) => Normalize(original.AsSpan());

    /// <inheritdoc />
    public override string Normalize(ReadOnlySpan<char> original)
    {
        var cleaned = new StringBuilder(original.Length + 8);
        foreach (var rune in original.EnumerateRunes())
        {
            // A lone surrogate enumerates as U+FFFD and is dropped with it, as invalid text is.
            if (rune.Value is 0 or 0xFFFD || IsControl(rune)) continue;
            if (IsWhitespace(rune)) cleaned.Append(' ');
            else if (IsCjk(rune.Value)) cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            else cleaned.Append(rune.ToString());
        }

        var decomposed = cleaned.ToString().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark) continue;
            result.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return result.ToString();
    }

    /// <summary>Rust's <c>char::is_whitespace</c> (the White_Space property, all in the BMP), as .NET's <c>char.IsWhiteSpace</c>.</summary>
    internal static bool IsWhitespace(Rune rune) => rune.IsBmp && char.IsWhiteSpace((char)rune.Value);

    /// <summary>Hugging Face's "other" categories (Cc, Cf, Cn, Co, Cs), except tab, newline and carriage return.</summary>
    private static bool IsControl(Rune rune) => rune.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(rune)
        is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;

    /// <summary>The CJK Unified Ideograph blocks that BERT's tokenizer puts spaces around (not kana, not Hangul).</summary>
    private static bool IsCjk(int cp) =>
        cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
