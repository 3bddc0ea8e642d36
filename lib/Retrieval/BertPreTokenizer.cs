using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace PricerLib.Retrieval;

/// <summary>
/// Hugging Face's <c>BertPreTokenizer</c>: words are split on whitespace (dropped) and on punctuation (each
/// punctuation character its own word), where punctuation is ASCII punctuation (so <c>$ + &lt; = &gt; ^ ` | ~</c> too)
/// or any Unicode P* category. Emoji and other symbols stay inside words. Runs on normalised text
/// (<see cref="BertTextNormalizer"/>).
/// </summary>
public sealed class BertPreTokenizer : PreTokenizer
{
    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => Split(text);

    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text.ToString());

    private static List<(int Offset, int Length)> Split(string text)
    {
        var words = new List<(int, int)>();
        int start = -1, i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int width);
            if (BertTextNormalizer.IsWhitespace(rune) || IsPunctuation(rune))
            {
                if (start >= 0) words.Add((start, i - start));
                start = -1;
                if (!BertTextNormalizer.IsWhitespace(rune)) words.Add((i, width));
            }
            else if (start < 0) start = i;
            i += width;
        }
        if (start >= 0) words.Add((start, text.Length - start));
        return words;
    }

    private static bool IsPunctuation(Rune rune) =>
        rune.Value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
}
