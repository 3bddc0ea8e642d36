using PricerLib.Text;

namespace PricerLib.Tests.Text;

public class PythonRoundTests
{
    [Theory]
    [InlineData(0.5, "0")]
    [InlineData(1.5, "2")]
    [InlineData(2.5, "2")]
    [InlineData(3.5, "4")]
    [InlineData(-0.5, "0")]
    [InlineData(-1.5, "-2")]
    [InlineData(2.675, "3")]
    [InlineData(0.49999999999999994, "0")]  // the largest double below 0.5: not a tie
    [InlineData(999.49, "999")]
    [InlineData(999.5, "1000")]
    [InlineData(65.99, "66")]
    [InlineData(1e16, "10000000000000000")]  // an int, never "1E+16"
    public void Rounds_half_to_even_and_prints_an_int(double value, string expected) =>
        Assert.Equal(expected, PythonRound.ToIntegerString(value));

    [Fact]
    public void Differs_from_the_away_from_zero_rounding_people_expect()
    {
        Assert.Equal(3, Math.Round(2.5, MidpointRounding.AwayFromZero));
        Assert.Equal("2", PythonRound.ToIntegerString(2.5));
    }

    [Theory]
    [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)] [InlineData(double.NegativeInfinity)]
    public void Throws_where_python_raises(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PythonRound.ToInteger(value));
}
