using System.Globalization;
using System.Text;

namespace PricerLib.Editions;

/// <summary>
/// The 2025 parser's <c>re.sub(r"\b(?=[A-Z0-9]{7,}\b)(?=.*[A-Z])(?=.*\d)[A-Z0-9]+\b", "", text)</c>: a run of 7 or
/// more ASCII capitals and digits between word boundaries is removed when an ASCII capital and a digit follow
/// somewhere on the same line from the run's start (not necessarily inside the run, as the pattern is written).
/// Hand-written rather than a .NET <see cref="System.Text.RegularExpressions.Regex"/>: Python's <c>\b</c> knows
/// words by <c>str.isalnum()</c> and <c>_</c>, .NET's by other Unicode classes (combining marks, ZWJ; not ²).
/// </summary>
public static class PartNumbers
{
    /// <summary>The text with every part number removed.</summary>
    public static string Remove(string text)
    {
        var (capitalAhead, digitAhead) = AheadOnLine(text);
        var result = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            if (!IsCapitalOrDigit(text[i]) || IsWordBefore(text, i))
            {
                result.Append(text[i++]);
                continue;
            }
            int end = i;
            while (end < text.Length && IsCapitalOrDigit(text[end])) end++;
            // Inside a run there is no word boundary, so only its start can match, and only the whole run.
            bool match = end - i >= 7 && !IsWordAt(text, end) && capitalAhead[i] && digitAhead[i];
            if (!match) result.Append(text, i, end - i);
            i = end;
        }
        return result.ToString();
    }

    private static bool IsCapitalOrDigit(char c) => c is >= 'A' and <= 'Z' or >= '0' and <= '9';

    /// <summary>For each index: whether <c>.*[A-Z]</c> and <c>.*\d</c> (Unicode decimal digits) match from there.</summary>
    private static (bool[] Capital, bool[] Digit) AheadOnLine(string text)
    {
        var capital = new bool[text.Length + 1];
        var digit = new bool[text.Length + 1];
        for (int i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == '\n') continue; // '.' stops at a newline: both stay false
            int point = CodePointAt(text, i);
            capital[i] = text[i] is >= 'A' and <= 'Z' || capital[i + 1];
            digit[i] = (point >= 0 && CharUnicodeInfo.GetUnicodeCategory(point) == UnicodeCategory.DecimalDigitNumber) || digit[i + 1];
        }
        return (capital, digit);
    }

    /// <summary>Python's <c>\w</c> for str patterns: <c>_</c> or a code point for which <c>str.isalnum()</c> is true.</summary>
    private static bool IsWord(int point)
    {
        if (point == '_') return true;
        if (point is < 0 or (>= 0xD800 and <= 0xDFFF)) return false;
        return CharUnicodeInfo.GetUnicodeCategory(point) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            _ => CharUnicodeInfo.GetNumericValue(char.ConvertFromUtf32(point), 0) != -1, // Numeric_Type Decimal, Digit or Numeric
        };
    }

    private static bool IsWordAt(string text, int index) => index < text.Length && IsWord(CodePointAt(text, index));

    private static bool IsWordBefore(string text, int index)
    {
        if (index == 0) return false;
        int last = index - 1;
        if (char.IsLowSurrogate(text[last]) && last > 0 && char.IsHighSurrogate(text[last - 1])) last--;
        return IsWord(CodePointAt(text, last));
    }

    /// <summary>The code point starting at <paramref name="index"/>; -1 for the low half of a pair; a lone surrogate as itself.</summary>
    private static int CodePointAt(string text, int index)
    {
        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])) return char.ConvertToUtf32(c, text[index + 1]);
        if (char.IsLowSurrogate(c) && index > 0 && char.IsHighSurrogate(text[index - 1])) return -1;
        return c;
    }
}
