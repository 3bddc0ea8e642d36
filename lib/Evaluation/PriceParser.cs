using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

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
        return match.Success ? double.Parse(AsciiDigits(match.Value), NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// A guess field of a scores file: a plain number as Python's <c>float()</c> reads it (including "nan", "inf",
    /// "-Infinity"), otherwise a model's reply parsed by <see cref="Parse"/>. So "1e3" is 1000 but "Price is $1e3" is 1.
    /// </summary>
    public static double ParseGuessField(string field)
    {
        var trimmed = field.Trim();
        var lower = trimmed.ToLowerInvariant().TrimStart('+');
        if (lower is "nan" or "-nan") return double.NaN;
        if (lower is "inf" or "infinity") return double.PositiveInfinity;
        if (lower is "-inf" or "-infinity") return double.NegativeInfinity;
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : Parse(field);
    }

    // Python's \d (like .NET's) matches any Unicode decimal digit and float() accepts them; double.Parse does not.
    private static string AsciiDigits(string number)
    {
        if (number.All(char.IsAscii)) return number;
        var ascii = new StringBuilder(number.Length);
        foreach (var c in number)
            ascii.Append(char.IsDigit(c) ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)) : c);
        return ascii.ToString();
    }
}
