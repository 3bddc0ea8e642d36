using PricerLib.Text;

namespace PricerLib.Tests.Text;

public class PythonFloatTests
{
    [Theory]
    [InlineData("65.99", 65.99)]
    [InlineData("  12 ", 12.0)]
    [InlineData("\t12\n", 12.0)]
    [InlineData("\u00A012\u3000", 12.0)]   // non-ASCII Python spaces around the number
    [InlineData("12\u0085", 12.0)]
    [InlineData("1_000", 1000.0)]
    [InlineData("1_000.000_5", 1000.0005)]
    [InlineData("1e1_0", 1e10)]
    [InlineData("١٢", 12.0)]                // Arabic-Indic digits
    [InlineData("𝟏.5", 1.5)]                // mathematical bold digit outside the BMP
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("+.5e-3", 0.0005)]
    [InlineData("1E+5", 100000.0)]
    [InlineData("-5", -5.0)]
    [InlineData("1e9", 1e9)]
    [InlineData("999.49", 999.49)]
    public void Accepts_what_python_float_accepts(string text, double expected)
    {
        Assert.True(PythonFloat.TryParse(text, out double value), text);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("nan")] [InlineData("NaN")] [InlineData("-nan")] [InlineData("+NAN")]
    public void Accepts_nan_in_any_case_with_a_sign(string text)
    {
        Assert.True(PythonFloat.TryParse(text, out double value));
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData("inf", 1)] [InlineData("+Inf", 1)] [InlineData("Infinity", 1)] [InlineData("-infinITY", -1)]
    [InlineData(" -INF ", -1)] [InlineData("1e500", 1)] [InlineData("-1e99999999999999999999", -1)]
    public void Accepts_infinity_and_overflows_to_it(string text, int sign)
    {
        Assert.True(PythonFloat.TryParse(text, out double value));
        Assert.Equal(sign > 0 ? double.PositiveInfinity : double.NegativeInfinity, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("None")]
    [InlineData("$1,299.00")]
    [InlineData("1,299")]
    [InlineData("$1")]
    [InlineData("0x10")]
    [InlineData("1_e5")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("1._5")]
    [InlineData("1_.5")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1 0")]
    [InlineData("infinit")]
    [InlineData("in f")]
    [InlineData("\u001C5\u001F")]  // ASCII information separators: Python spaces, yet float() does not strip them
    [InlineData("\u200B5")]
    [InlineData("\uFEFF5")]
    [InlineData("²")]             // a Digit but not a Decimal
    [InlineData("①")]
    [InlineData("٫5")]            // Arabic decimal separator
    [InlineData("1.5€")]
    [InlineData(null)]
    public void Rejects_what_python_float_rejects(string? text) => Assert.False(PythonFloat.TryParse(text, out _));

    [Fact]
    public void Differs_from_dotnet_where_the_course_data_could_tell()
    {
        // .NET's invariant parser takes thousands separators and currency-free "1,299"; Python raises ValueError.
        Assert.True(double.TryParse("1,299", System.Globalization.NumberStyles.Any,
            System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.False(PythonFloat.TryParse("1,299", out _));
        // .NET rejects "1_000" and "infinity"; Python takes them.
        Assert.False(double.TryParse("1_000", System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(PythonFloat.TryParse("1_000", out _));
        Assert.True(PythonFloat.TryParse("infinity", out _));
    }
}
