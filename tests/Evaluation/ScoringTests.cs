using PricerLib.Evaluation;

namespace PricerLib.Tests.Evaluation;

public class ScoringTests
{
    [Theory]
    // Absolute thresholds, on a truth small enough that the ratio rules never fire ($100: 40% = $40).
    [InlineData(39.99, 100, HitColor.Green)]
    [InlineData(40, 100, HitColor.Orange)]
    [InlineData(79.99, 100, HitColor.Orange)]
    [InlineData(80, 100, HitColor.Red)]
    // Ratio thresholds, on errors past $80: 20% and 40% of the truth.
    [InlineData(99.99, 500, HitColor.Green)]   // 19.998%
    [InlineData(100, 500, HitColor.Orange)]    // exactly 20%: not under 0.2
    [InlineData(199.99, 500, HitColor.Orange)] // 39.998%
    [InlineData(200, 500, HitColor.Red)]       // exactly 40%
    [InlineData(50, 0, HitColor.Orange)]       // zero truth: the ratio is +∞, only the absolute rule applies
    public void Color_follows_the_course_thresholds(double error, double truth, HitColor expected) =>
        Assert.Equal(expected, Scoring.Color(error, truth));

    [Fact]
    public void Score_computes_error_sle_and_colour()
    {
        var result = Scoring.Score(0, "x", truth: 100, guess: 120);
        Assert.Equal(20, result.Error);
        Assert.Equal(Math.Pow(Math.Log(101) - Math.Log(121), 2), result.Sle!.Value, 12);
        Assert.Equal(HitColor.Green, result.Color);
        Assert.False(result.Failed);
    }

    [Fact]
    public void Negative_guess_counts_in_the_error_and_in_the_log_where_the_course_can_take_it()
    {
        var slightlyNegative = Scoring.Score(0, "x", truth: 10, guess: -0.5);
        Assert.Equal(10.5, slightlyNegative.Error);
        Assert.Equal(Math.Pow(Math.Log(11) - Math.Log(0.5), 2), slightlyNegative.Sle!.Value, 12); // the course's own formula

        var result = Scoring.Score(0, "x", truth: 10, guess: -5);
        Assert.Equal(15, result.Error);
        Assert.Equal(Math.Pow(Math.Log(11), 2), result.Sle!.Value, 12); // the course's ln(-4) fails: as if the guess were 0
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_guess_fails_the_item(double guess)
    {
        var result = Scoring.Score(3, "x", 10, guess);
        Assert.True(result.Failed);
        Assert.Contains("not a finite number", result.FailedReason);
        Assert.Null(result.Guess);
        Assert.Null(result.Color);
    }

    [Fact]
    public void Negative_truth_fails_the_item()
    {
        var result = Scoring.Score(0, "x", -1, 10);
        Assert.True(result.Failed);
        Assert.Contains("truth", result.FailedReason);
    }
}
