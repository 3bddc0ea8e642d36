using System.Text;

namespace PricerLib.Text;

/// <summary>
/// The first port of the course's <c>scrub</c>, step by step as the course wrote it (collapse, three chained
/// replaces, split and join, each building a new string). <see cref="PricerLib.Data.CurationPath.Baseline"/> keeps
/// it as the reference that <see cref="ItemScrubber.Scrub(string)"/> (the fast path's) is measured and checked against.
/// </summary>
public static class FirstPortScrubber
{
    /// <summary>The course's <c>scrub</c>; the same text as <see cref="ItemScrubber.Scrub(string)"/>.</summary>
    public static string Scrub(string stuff)
    {
        stuff = CollapseSeparators(stuff)
            .Replace(" ,", ",", StringComparison.Ordinal)
            .Replace(",,,", ",", StringComparison.Ordinal)
            .Replace(",,", ",", StringComparison.Ordinal);
        return DropLongWordsWithDigits(stuff);
    }

    /// <summary><c>scrub_details</c> as the course wrote it: one <c>str.replace</c> after another, each a new string.</summary>
    public static string ScrubDetails(string details)
    {
        foreach (var removal in ItemScrubber.Removals) details = details.Replace(removal, "", StringComparison.Ordinal);
        return details;
    }

    /// <summary><c>re.sub(r'[:\[\]"{}【】\s]+', ' ', stuff).strip()</c>; every separator is a single UTF-16 unit.</summary>
    private static string CollapseSeparators(string stuff)
    {
        var result = new StringBuilder(stuff.Length);
        bool pendingSpace = false;
        foreach (char c in stuff)
        {
            if (ItemScrubber.IsSeparator(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && result.Length > 0) result.Append(' ');
            pendingSpace = false;
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary><c>" ".join(w for w in stuff.split(' ') if len(w) &lt; 7 or not any(c.isdigit() for c in w))</c>.</summary>
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
            if (!ItemScrubber.IsLongWordWithDigit(word))
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
