using System.Text;

namespace PricerLib.Text;

/// <summary>
/// The course's 2024 <c>Item.scrub_details</c> and <c>Item.scrub</c>, with Python's string semantics.
/// Loops instead of a Regex: Python's <c>\s</c> is not .NET's (U+001C–U+001F), and this runs on millions of rows.
/// </summary>
public static class ItemScrubber
{
    /// <summary>The course's <c>REMOVALS</c>, deleted from the details text in this order.</summary>
    public static IReadOnlyList<string> Removals { get; } =
    [
        "\"Batteries Included?\": \"No\"", "\"Batteries Included?\": \"Yes\"",
        "\"Batteries Required?\": \"No\"", "\"Batteries Required?\": \"Yes\"",
        "By Manufacturer", "Item", "Date First", "Package", ":", "Number of", "Best Sellers", "Number", "Product ",
    ];

    /// <summary>Words of this many code points or more are dropped when they contain a digit (part numbers, ASINs).</summary>
    public const int LongWordLength = 7;

    /// <summary><c>scrub_details</c>: removes each of <see cref="Removals"/> (ordinal, like Python's <c>str.replace</c>).</summary>
    public static string ScrubDetails(string details)
    {
        foreach (var removal in Removals) details = details.Replace(removal, "", StringComparison.Ordinal);
        return details;
    }

    /// <summary>
    /// <c>scrub</c>: runs of <c>[:\[\]"{}【】\s]</c> (Python's <c>\s</c>) become one space, the ends are stripped,
    /// " ," becomes ",", then ",,," and ",," become ","; words (split on ' ') of 7+ code points that contain a
    /// Python digit are dropped.
    /// </summary>
    public static string Scrub(string stuff)
    {
        stuff = CollapseSeparators(stuff)
            .Replace(" ,", ",", StringComparison.Ordinal)
            .Replace(",,,", ",", StringComparison.Ordinal)
            .Replace(",,", ",", StringComparison.Ordinal);
        return DropLongWordsWithDigits(stuff);
    }

    private static bool IsSeparator(char c) =>
        c is ':' or '[' or ']' or '"' or '{' or '}' or '【' or '】' || PythonString.IsSpace(c);

    /// <summary><c>re.sub(r'[:\[\]"{}【】\s]+', ' ', stuff).strip()</c>; every separator is a single UTF-16 unit.</summary>
    private static string CollapseSeparators(string stuff)
    {
        var result = new StringBuilder(stuff.Length);
        bool pendingSpace = false;
        foreach (char c in stuff)
        {
            if (IsSeparator(c))
            {
                pendingSpace = true;
                continue;
            }
            // A run at the very start is dropped, as strip() would; one at the end is never flushed.
            if (pendingSpace && result.Length > 0) result.Append(' ');
            pendingSpace = false;
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>
    /// <c>" ".join(w for w in stuff.split(' ') if len(w) &lt; 7 or not any(c.isdigit() for c in w))</c>.
    /// </summary>
    private static string DropLongWordsWithDigits(string stuff)
    {
        var result = new StringBuilder(stuff.Length);
        bool first = true;
        int start = 0;
        while (start <= stuff.Length)
        {
            int end = stuff.IndexOf(' ', start);
            if (end < 0) end = stuff.Length;
            var word = stuff.AsSpan(start, end - start);
            // A word of fewer than 7 UTF-16 units has fewer than 7 code points: kept without a closer look.
            if (word.Length < LongWordLength || PythonString.Length(word) < LongWordLength || !PythonString.ContainsDigit(word))
            {
                if (!first) result.Append(' ');
                result.Append(word);
                first = false;
            }
            start = end + 1;
        }
        return result.ToString();
    }
}
