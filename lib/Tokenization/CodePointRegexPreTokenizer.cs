using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace PricerLib.Tokenization;

/// <summary>
/// A regex pre-tokenizer whose <c>\p{L}</c> and <c>\p{N}</c> classes see code points, as Hugging Face's (Oniguruma)
/// and tiktoken's (Rust) regex engines do, instead of the UTF-16 units .NET's regex engine sees.
/// </summary>
/// <remarks>
/// .NET's regex engine classifies each half of a surrogate pair as category Cs, so a letter or digit outside the Basic
/// Multilingual Plane (e.g. "𝐁", U+1D401) counts as "neither letter nor number" and the Llama 3 pattern splits text
/// around it differently. Text without surrogates (nearly all text) goes straight to the compiled pattern. Text with
/// surrogates is matched on a projection that has one UTF-16 unit per code point: every supplementary code point is
/// replaced by a BMP stand-in of the same class for the pattern (letter, number or other, from .NET's own Unicode
/// tables); the matches' offsets are then mapped back onto the original text. The projection keeps the pattern's
/// compiled fast path, where a surrogate-pair alternation inside <c>\p{L}+</c> would turn every set loop into a
/// backtracking group. It is exact for patterns that look at characters only through <c>\p{L}</c>, <c>\p{N}</c>,
/// <c>\s</c>/<c>\S</c> and ASCII literals, as the GPT-4/Llama 3 split pattern does: no supplementary code point is
/// white space or ASCII, and the stand-ins are neither white space, ASCII, nor case-equivalent to ASCII.
/// </remarks>
public sealed class CodePointRegexPreTokenizer : PreTokenizer
{
    // Stand-ins for supplementary code points. Non-ASCII on purpose, so that they can never complete an ASCII
    // special token such as "<|begin_of_text|>" or an ASCII literal of the pattern.
    private const char LetterStandIn = '\u00AA';  // ª, category Lo
    private const char NumberStandIn = '\u0660';  // ٠ ARABIC-INDIC DIGIT ZERO, category Nd
    private const char OtherStandIn = '\uE000';   // private use, category Co

    private readonly RegexPreTokenizer _inner;

    /// <summary>Creates the pre-tokenizer.</summary>
    /// <param name="pattern">The split pattern, written for code points.</param>
    /// <param name="specialTokens">Tokens matched literally before the pattern runs (as Hugging Face's added tokens are).</param>
    public CodePointRegexPreTokenizer(string pattern, IReadOnlyDictionary<string, int>? specialTokens)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        _inner = new RegexPreTokenizer(regex, specialTokens);
    }

    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
            return _inner.PreTokenize(text);
        return PreTokenizeProjected(text);
    }

    /// <inheritdoc />
    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) =>
        // The pieces are enumerated lazily, after the span is gone, so they need a string of their own.
        PreTokenize(text.ToString());

    private IEnumerable<(int Offset, int Length)> PreTokenizeProjected(string text)
    {
        var (projected, starts) = Project(text);
        foreach (var (offset, length) in _inner.PreTokenize(projected))
            yield return (starts[offset], starts[offset + length] - starts[offset]);
    }

    /// <summary>
    /// One UTF-16 unit per code point of <paramref name="text"/>, and where each projected unit starts in
    /// <paramref name="text"/> (with the text's length appended).
    /// </summary>
    private static (string Projected, int[] Starts) Project(string text)
    {
        var projected = new char[text.Length];
        var starts = new int[text.Length + 1];
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            starts[n] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                projected[n++] = StandIn(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                // BMP characters stay; a lone surrogate stays too and counts as "other", as it does for .NET.
                projected[n++] = text[i];
            }
        }
        starts[n] = text.Length;
        return (new string(projected, 0, n), starts);
    }

    private static char StandIn(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => LetterStandIn,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => NumberStandIn,
        _ => OtherStandIn,
    };
}
