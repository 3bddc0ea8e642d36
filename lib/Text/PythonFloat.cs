using System.Globalization;
using System.Text;

namespace PricerLib.Text;

/// <summary>
/// Python 3's <c>float(str)</c>, which the course applies to every price. It differs from
/// <see cref="double.TryParse(string, out double)"/>: it takes "nan", "inf" and "infinity" in any case with an
/// optional sign, underscores between digits ("1_000"), any Unicode decimal digit ("١٢", "𝟏"), and surrounding
/// whitespace (ASCII " \t\n\v\f\r" and the non-ASCII Python spaces, but not U+001C–U+001F); it rejects thousands
/// separators ("1,299"), currency signs, hex, and "None". Overflow gives ±infinity, not an error.
/// Hand-written because .NET's number parsers follow culture rules, not CPython's grammar.
/// </summary>
public static class PythonFloat
{
    /// <summary>Parses <paramref name="text"/> as Python's <c>float()</c> would; false where Python raises ValueError.</summary>
    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        if (text is null || !TryToAscii(text, out var ascii)) return false;
        if (ascii.Contains('_') && !TryRemoveUnderscores(ref ascii)) return false;

        var s = ascii.AsSpan().Trim(" \t\n\v\f\r");
        bool negative = s.Length > 0 && s[0] == '-';
        var unsigned = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;

        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
            value = double.NaN;
        else if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) ||
                 unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
        else if (IsDecimalLiteral(unsigned))
            // .NET parses a plain decimal literal correctly rounded, overflowing to infinity as CPython does.
            value = double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture);
        else
            return false;
        return true;
    }

    /// <summary>
    /// CPython's first step: every non-ASCII decimal digit becomes its ASCII digit and every non-ASCII space a
    /// plain space; any other non-ASCII character makes the text invalid.
    /// </summary>
    private static bool TryToAscii(string text, out string ascii)
    {
        ascii = text;
        if (Ascii.IsValid(text)) return true;
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            int codePoint = PythonString.CodePointAt(text, i);
            if (codePoint < 0x80) builder.Append((char)codePoint);
            else if (PythonString.IsSpace(codePoint)) builder.Append(' ');
            else if (CharUnicodeInfo.GetDecimalDigitValue(text, i) is var digit and >= 0) builder.Append((char)('0' + digit));
            else return false;
        }
        ascii = builder.ToString();
        return true;
    }

    /// <summary>CPython's rule: an underscore must sit between two digits; the underscores are then dropped.</summary>
    private static bool TryRemoveUnderscores(ref string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && (i == 0 || i == text.Length - 1 || !char.IsAsciiDigit(text[i - 1]) || !char.IsAsciiDigit(text[i + 1])))
                return false;
        }
        text = text.Replace("_", "");
        return true;
    }

    /// <summary>digits [. digits] [e|E [+|-] digits], with at least one mantissa digit (".5" and "5." are fine).</summary>
    private static bool IsDecimalLiteral(ReadOnlySpan<char> s)
    {
        int i = 0, mantissaDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; mantissaDigits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; mantissaDigits++; }
        }
        if (mantissaDigits == 0) return false;
        if (i == s.Length) return true;
        if (s[i] is not ('e' or 'E')) return false;
        i++;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int exponentDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exponentDigits++; }
        return exponentDigits > 0 && i == s.Length;
    }
}
