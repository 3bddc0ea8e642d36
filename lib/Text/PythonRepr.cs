using System.Globalization;
using System.Text;

namespace PricerLib.Text;

/// <summary>
/// Python 3's <c>repr()</c> of a <c>str</c> and <c>str(list_of_str)</c>, which the 2025 course's parser puts into an
/// item's full text (<c>simplify(description)</c> is <c>str(text_list)…</c>). Hand-written: .NET has no Python repr.
/// </summary>
public static class PythonRepr
{
    /// <summary><c>str(values)</c> for a list of strings: <c>['a', "it's"]</c>.</summary>
    public static string List(IEnumerable<string> values)
    {
        var output = new StringBuilder("[");
        bool first = true;
        foreach (var value in values)
        {
            if (!first) output.Append(", ");
            first = false;
            Append(value, output);
        }
        return output.Append(']').ToString();
    }

    /// <summary><c>repr(value)</c>.</summary>
    public static string String(string value)
    {
        var output = new StringBuilder(value.Length + 2);
        Append(value, output);
        return output.ToString();
    }

    /// <summary>
    /// CPython's <c>unicode_repr</c>: single quotes unless the text holds a single quote and no double quote; the
    /// quote and backslash escaped; \t \n \r by name; other ASCII controls as \xhh; non-ASCII kept where Python
    /// calls it printable, else \xhh, \uhhhh or \Uhhhhhhhh (a lone surrogate too).
    /// </summary>
    private static void Append(string value, StringBuilder output)
    {
        char quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        output.Append(quote);
        for (int i = 0; i < value.Length; i++)
        {
            int point = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                point = char.ConvertToUtf32(value[i], value[++i]);
            switch (point)
            {
                case '\\': output.Append(@"\\"); break;
                case '\t': output.Append(@"\t"); break;
                case '\n': output.Append(@"\n"); break;
                case '\r': output.Append(@"\r"); break;
                case var q when q == quote: output.Append('\\').Append(quote); break;
                case < ' ' or 0x7F: output.Append(@"\x").Append(point.ToString("x2", CultureInfo.InvariantCulture)); break;
                case < 0x7F: output.Append((char)point); break;
                default:
                    if (IsPrintable(point)) output.Append(char.ConvertFromUtf32(point));
                    else if (point <= 0xFF) output.Append(@"\x").Append(point.ToString("x2", CultureInfo.InvariantCulture));
                    else if (point <= 0xFFFF) output.Append(@"\u").Append(point.ToString("x4", CultureInfo.InvariantCulture));
                    else output.Append(@"\U").Append(point.ToString("x8", CultureInfo.InvariantCulture));
                    break;
            }
        }
        output.Append(quote);
    }

    /// <summary>
    /// Python's <c>str.isprintable()</c> for a non-ASCII code point: not in the categories Other (Cc, Cf, Cs, Co, Cn)
    /// or Separator (Zs, Zl, Zp). .NET's Unicode tables may be a version apart from Python's for new characters.
    /// </summary>
    private static bool IsPrintable(int point)
    {
        if (point is >= 0xD800 and <= 0xDFFF) return false; // a lone surrogate
        return CharUnicodeInfo.GetUnicodeCategory(point) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }
}
