using System.Globalization;
using System.Text;

namespace PricerLib.Text;

/// <summary>
/// Formats numbers the way the course's Python f-strings do, so chart titles read exactly like the course's
/// (e.g. <c>f"{mean:,.2f}"</c> → "1,234.57", <c>f"{max:,}"</c> on a float → "21,095.62" or "999.0").
/// Always culture-invariant.
/// </summary>
public static class PythonFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Python's <c>format(value, ",.{decimals}f")</c>: fixed decimals with thousands separators.</summary>
    public static string Grouped(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        // .NET's "N" format rounds the exact binary value half-to-even like Python (0.125 → "0.12", 2.5 → "2").
        return double.IsFinite(value) ? value.ToString("N" + decimals, Invariant) : NonFinite(value);
    }

    /// <summary>Python's <c>format(value, ",")</c> on an int: "1,234,567".</summary>
    public static string Grouped(long value) => value.ToString("N0", Invariant);

    /// <summary>
    /// Python's <c>format(value, ",")</c> on a float: the shortest round-trip digits (<c>repr</c>), always with a
    /// fractional part ("999.0"), grouped thousands, and exponent notation outside 1e-4 ≤ |x| &lt; 1e16 ("1e+16").
    /// </summary>
    public static string GroupedRepr(double value)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        // Hand-written because .NET has no format that mimics Python's repr: "R" gives the same shortest digits
        // but switches to exponent notation at other thresholds and drops the ".0".
        var (negative, digits, pointPos) = ShortestDigits(value);
        var sign = negative ? "-" : "";
        if (digits.Length == 0) return sign + "0.0";

        int exponent = pointPos - 1;
        if (exponent < -4 || exponent >= 16)
        {
            var mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
            return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }

        string integerPart = pointPos <= 0 ? "0" : digits[..Math.Min(pointPos, digits.Length)].PadRight(pointPos, '0');
        string fraction = pointPos < 0 ? new string('0', -pointPos) + digits
            : pointPos < digits.Length ? digits[pointPos..] : "0";
        return sign + GroupThousands(integerPart) + "." + fraction;
    }

    /// <summary>Significant digits (no leading/trailing zeros) and where the decimal point sits among them.</summary>
    private static (bool Negative, string Digits, int PointPos) ShortestDigits(double value)
    {
        var text = value.ToString("R", Invariant);
        bool negative = text.StartsWith('-');
        if (negative) text = text[1..];

        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, Invariant);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        int pointPos = (dot < 0 ? text.Length : dot) + exponent;
        var digits = text.Replace(".", "");
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        return (negative, digits.Trim('0'), pointPos - leadingZeros);
    }

    private static string GroupThousands(string integerDigits)
    {
        var sb = new StringBuilder(integerDigits.Length + integerDigits.Length / 3);
        for (int i = 0; i < integerDigits.Length; i++)
        {
            if (i > 0 && (integerDigits.Length - i) % 3 == 0) sb.Append(',');
            sb.Append(integerDigits[i]);
        }
        return sb.ToString();
    }

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
}
