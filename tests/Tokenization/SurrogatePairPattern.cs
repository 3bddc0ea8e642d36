using System.Globalization;
using System.Text;

namespace PricerLib.Tests.Tokenization;

/// <summary>
/// An independent reference for the code-point semantics of the Llama 3 split pattern: the pattern rewritten so that
/// .NET's regex engine itself treats surrogate pairs as letters, numbers or others, by alternations of surrogate-pair
/// ranges built from .NET's Unicode tables. Slow (every class becomes a backtracking group), so only tests use it.
/// </summary>
internal static class SurrogatePairPattern
{
    public static string Build()
    {
        string letter = $@"(?:\p{{L}}|{Pairs(IsLetter)})";
        string number = $@"(?:\p{{N}}|{Pairs(IsNumber)})";
        string anyPair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
        // A surrogate without its partner is one "other" character, as in CodePointRegexPreTokenizer.
        string loneSurrogate = @"(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])";
        string notLetterOrNumber = $@"(?:(?!{letter}|{number}){anyPair}|{loneSurrogate})";
        // [^\r\n\p{L}\p{N}] and [^\s\p{L}\p{N}] on code points: BMP characters by class, pairs as a whole.
        string otherNoNewline = $@"(?:[^\r\n\p{{L}}\p{{N}}\uD800-\uDFFF]|{notLetterOrNumber})";
        string otherNoSpace = $@"(?:[^\s\p{{L}}\p{{N}}\uD800-\uDFFF]|{notLetterOrNumber})";
        return $@"(?i:'[sſ]|'t|'re|'ve|'m|'ll|'d)|{otherNoNewline}?{letter}+|{number}{{1,3}}| ?{otherNoSpace}+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
    }

    private static bool IsLetter(UnicodeCategory c) => c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;

    private static bool IsNumber(UnicodeCategory c) => c is UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>An alternation of <c>\uHIGH[\uLOW-\uLOW...]</c> over every supplementary code point in the class.</summary>
    private static string Pairs(Func<UnicodeCategory, bool> inClass)
    {
        var byHigh = new SortedDictionary<char, List<(char From, char To)>>();
        for (int cp = 0x10000; cp <= 0x10FFFF; cp++)
        {
            if (!inClass(CharUnicodeInfo.GetUnicodeCategory(cp)))
                continue;
            var s = char.ConvertFromUtf32(cp);
            if (!byHigh.TryGetValue(s[0], out var ranges))
                byHigh[s[0]] = ranges = [];
            if (ranges.Count > 0 && ranges[^1].To == s[1] - 1)
                ranges[^1] = (ranges[^1].From, s[1]);
            else
                ranges.Add((s[1], s[1]));
        }
        var sb = new StringBuilder("(?:");
        foreach (var (high, ranges) in byHigh)
        {
            if (sb.Length > 3)
                sb.Append('|');
            sb.Append($@"\u{(int)high:X4}[");
            foreach (var (from, to) in ranges)
                sb.Append(from == to ? $@"\u{(int)from:X4}" : $@"\u{(int)from:X4}-\u{(int)to:X4}");
            sb.Append(']');
        }
        return sb.Append(')').ToString();
    }
}
