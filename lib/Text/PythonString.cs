using System.Globalization;

namespace PricerLib.Text;

/// <summary>
/// Python 3 <c>str</c> semantics where .NET's differ. Python strings are sequences of code points, .NET strings of
/// UTF-16 units: a character outside the Basic Multilingual Plane (e.g. 𝐍) is one Python character but two .NET
/// chars. A lone surrogate counts as one code point, as in Python.
/// Hand-written because no library offers Python's character classes over .NET strings.
/// </summary>
public static class PythonString
{
    /// <summary>Python's <c>len(s)</c>: the number of code points.</summary>
    public static int Length(ReadOnlySpan<char> s)
    {
        int count = 0;
        for (int i = 0; i < s.Length; i += Width(s, i)) count++;
        return count;
    }

    /// <summary>Python's <c>s[:count]</c>: the first <paramref name="count"/> code points (all of them if fewer).</summary>
    public static string Prefix(string s, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int units = 0;
        for (int points = 0; points < count && units < s.Length; points++)
            units += Width(s, units);
        return units == s.Length ? s : s[..units];
    }

    /// <summary>
    /// Python's <c>str.isspace()</c> for one code point: bidirectional class WS, B or S, or category Zs. Wider than
    /// <see cref="char.IsWhiteSpace(char)"/> in one place (U+001C–U+001F) and narrower than some callers expect
    /// (U+200B, U+FEFF and U+180E are not spaces).
    /// </summary>
    public static bool IsSpace(int codePoint) => codePoint switch
    {
        >= 0x09 and <= 0x0D or >= 0x1C and <= 0x20 => true,
        0x85 or 0xA0 or 0x1680 => true,
        >= 0x2000 and <= 0x200A => true,
        0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 => true,
        _ => false,
    };

    /// <summary>
    /// Python's <c>str.isdigit()</c> for one code point: Unicode Numeric_Type Digit or Decimal, e.g. '7', '٣', '²',
    /// '①', '𝟏' — but not '⅕' or '四'. <see cref="char.IsDigit(char)"/> only knows Decimal and misses superscripts
    /// and circled digits.
    /// </summary>
    public static bool IsDigit(int codePoint) => codePoint switch
    {
        < 0x80 => codePoint is >= '0' and <= '9',
        // The "digit value" of UnicodeData is set exactly for Numeric_Type Digit and Decimal.
        <= 0xFFFF => CharUnicodeInfo.GetDigitValue((char)codePoint) >= 0,
        _ => CharUnicodeInfo.GetDigitValue(char.ConvertFromUtf32(codePoint), 0) >= 0,
    };

    /// <summary>Python's <c>any(c.isdigit() for c in s)</c>.</summary>
    public static bool ContainsDigit(ReadOnlySpan<char> s)
    {
        for (int i = 0; i < s.Length; i += Width(s, i))
            if (IsDigit(CodePointAt(s, i))) return true;
        return false;
    }

    /// <summary>The code point at <paramref name="index"/>: a surrogate pair read whole, a lone surrogate as itself.</summary>
    public static int CodePointAt(ReadOnlySpan<char> s, int index) =>
        Width(s, index) == 2 ? char.ConvertToUtf32(s[index], s[index + 1]) : s[index];

    /// <summary>Python's <c>s.strip()</c> with no argument: trims <see cref="IsSpace"/> code points at both ends.</summary>
    public static string Strip(string s)
    {
        // Every Python space is in the BMP, so checking single chars is exact.
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary>UTF-16 units taken by the code point at <paramref name="index"/>: 2 for a surrogate pair, else 1.</summary>
    private static int Width(ReadOnlySpan<char> s, int index) =>
        index + 1 < s.Length && char.IsSurrogatePair(s[index], s[index + 1]) ? 2 : 1;
}
