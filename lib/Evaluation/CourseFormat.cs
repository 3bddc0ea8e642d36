using System.Globalization;
using System.Text;

using PricerLib.Text;

namespace PricerLib.Evaluation;

/// <summary>
/// The course's Python text conventions, reproduced so our lines and titles read exactly like its output:
/// <c>f"{x:,.2f}"</c> number formatting, <c>str.title()</c> and the 40-character title cut.
/// </summary>
public static class CourseFormat
{
    /// <summary>Titles longer than this are cut and followed by "..." in per-item lines (the course's <c>title[:40]</c>).</summary>
    public const int TitleWidth = 40;

    /// <summary>Python's <c>f"{value:,.{decimals}f}"</c> in invariant culture: thousands separators, fixed decimals.</summary>
    public static string Number(double value, int decimals = 2) => PythonFormat.Grouped(value, decimals);

    /// <summary>Python's <c>f"{value:.{decimals}f}"</c> (no thousands separators); .NET's "F" rounds exact ties to even like Python.</summary>
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>
    /// Python's <c>str.title()</c>: every cased character that follows a cased character is lower-cased, every other
    /// one is title-cased, so letters after digits, apostrophes or hyphens are capitalised ("4o" → "4O",
    /// "they're" → "They'Re"). Uses per-code-point case mappings; Python's few one-to-many mappings (e.g. "ß" → "Ss")
    /// are kept as one character.
    /// </summary>
    public static string PythonTitle(string text)
    {
        var result = new StringBuilder(text.Length);
        bool previousIsCased = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var mapped = previousIsCased ? Rune.ToLowerInvariant(rune) : ToTitle(rune);
            result.Append(mapped.ToString());
            previousIsCased = IsCased(mapped);
        }
        return result.ToString();
    }

    /// <summary>
    /// The course's default title from a predictor's name: <c>name.replace("_", " ").title()</c>
    /// ("gpt_4o_mini" → "Gpt 4O Mini").
    /// </summary>
    public static string TitleFromName(string name) => PythonTitle(name.Replace('_', ' '));

    /// <summary>
    /// The course's per-item title: the first 40 characters plus "..." when longer, counted in code points like
    /// Python's <c>len</c> and slicing.
    /// </summary>
    public static string ShortTitle(string title)
    {
        var runes = title.EnumerateRunes().ToList();
        if (runes.Count <= TitleWidth) return title;
        return string.Concat(runes.Take(TitleWidth).Select(r => r.ToString())) + "...";
    }

    private static bool IsCased(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    // .NET has no title-case mapping; only the Latin digraphs differ from upper case (DŽ/Dž/dž → Dž, and LJ, NJ, DZ alike).
    private static Rune ToTitle(Rune rune) => rune.Value switch
    {
        >= 0x01C4 and <= 0x01C6 => new Rune(0x01C5),
        >= 0x01C7 and <= 0x01C9 => new Rune(0x01C8),
        >= 0x01CA and <= 0x01CC => new Rune(0x01CB),
        >= 0x01F1 and <= 0x01F3 => new Rune(0x01F2),
        _ => Rune.ToUpperInvariant(rune),
    };
}
