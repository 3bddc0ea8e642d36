using System.Globalization;
using System.Numerics;

namespace PricerLib.Text;

/// <summary>
/// Python 3's <c>round(x)</c> of a float: the nearest integer, ties to even (round(2.5) == 2, round(3.5) == 4),
/// returned as an int of any size. <see cref="Math.Round(double)"/> rounds the same way but keeps a double, whose
/// default formatting ("1E+16", culture decimal marks) is not Python's <c>str()</c> of an int.
/// </summary>
public static class PythonRound
{
    /// <summary>Python's <c>round(value)</c>; throws where Python raises (NaN: ValueError, ±inf: OverflowError).</summary>
    public static BigInteger ToInteger(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "cannot round NaN or infinity to an integer");
        return new BigInteger(Math.Round(value, MidpointRounding.ToEven));
    }

    /// <summary>Python's <c>str(round(value))</c>, e.g. "2" for 2.5 and "-4" for -3.5.</summary>
    public static string ToIntegerString(double value) => ToInteger(value).ToString(CultureInfo.InvariantCulture);
}
