using PricerLib.Text;

namespace PricerLib.Tests.Text;

/// <summary>Expected strings are what CPython 3 prints for the same format specs.</summary>
public class PythonFormatTests
{
    [Theory]
    [InlineData(999.0, "999.0")]
    [InlineData(21095.62, "21,095.62")]
    [InlineData(1234567.0, "1,234,567.0")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(123456789012345.6, "123,456,789,012,345.6")]
    [InlineData(1234567890123456.0, "1,234,567,890,123,456.0")]
    [InlineData(9999999999999998.0, "9,999,999,999,999,998.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e22, "1e+22")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012345, "0.00012345")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(-1234.5, "-1,234.5")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void GroupedRepr_matches_python_comma_format_of_a_float(double value, string python) =>
        Assert.Equal(python, PythonFormat.GroupedRepr(value));

    [Theory]
    [InlineData(1234.5678, 2, "1,234.57")]
    [InlineData(1000000.0 / 3, 2, "333,333.33")]
    [InlineData(0.125, 2, "0.12")]   // exact tie: half to even
    [InlineData(0.375, 2, "0.38")]
    [InlineData(2.675, 2, "2.67")]   // binary value lies below the tie
    [InlineData(1.005, 2, "1.00")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(999999.5, 0, "1,000,000")]
    [InlineData(155.25, 1, "155.2")]
    [InlineData(1234.45, 1, "1,234.5")]
    public void Grouped_matches_python_fixed_format_with_commas(double value, int decimals, string python) =>
        Assert.Equal(python, PythonFormat.Grouped(value, decimals));

    [Fact]
    public void Grouped_integers_have_thousands_separators() =>
        Assert.Equal("1,234,567", PythonFormat.Grouped(1234567L));

    [Fact]
    public void Formatting_ignores_the_current_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("21,095.62", PythonFormat.GroupedRepr(21095.62));
            Assert.Equal("1,234.57", PythonFormat.Grouped(1234.5678, 2));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}
