using System.Text.RegularExpressions;
using PricerLib.Text;

namespace PricerLib.Evaluation;

/// <summary>Turns a model's text reply into a price exactly as the course's <c>get_price</c> does.</summary>
public static partial class PriceParser
{
    // The course's pattern, verbatim. The sign belongs to the first alternative only, so "-5.5" → -5.5 but "-5" → 5:
    // that is how Python's re.search reads it, and we keep it to score replies exactly like the course.
    [GeneratedRegex(@"[-+]?\d*\.\d+|\d+")]
    private static partial Regex FirstNumber();

    /// <summary>
    /// Drops "$" and ",", takes the first match of <c>[-+]?\d*\.\d+|\d+</c>, 0 if there is none
    /// (<c>"$1,299.00"</c> → 1299, <c>"Price is $45.99."</c> → 45.99, <c>"no idea"</c> → 0).
    /// </summary>
    public static double Parse(string? reply)
    {
        if (string.IsNullOrEmpty(reply)) return 0;
        var match = FirstNumber().Match(reply.Replace("$", "").Replace(",", ""));
        // float(match.group()), as the course does; Python's float() also takes the non-ASCII digits \d matches.
        return match.Success && PythonFloat.TryParse(match.Value, out var price) ? price : 0;
    }

    /// <summary>
    /// A guess field of a scores file: a plain number as Python's <c>float()</c> reads it (including "nan", "inf",
    /// "-Infinity"), otherwise a model's reply parsed by <see cref="Parse"/>. So "1e3" is 1000 but "Price is $1e3" is 1.
    /// </summary>
    public static double ParseGuessField(string field) => PythonFloat.TryParse(field, out var number) ? number : Parse(field);
}
