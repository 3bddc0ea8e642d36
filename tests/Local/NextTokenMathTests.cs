using PricerLib.Local;

namespace PricerLib.Tests.Local;

public sealed class NextTokenMathTests
{
    [Fact]
    public void Top_k_is_the_softmax_over_the_whole_vocabulary_most_probable_first()
    {
        float[] logits = [1f, 3f, 2f, 3f, -1f];
        var top = NextTokenMath.TopK(logits, 3);
        double sum = logits.Sum(l => Math.Exp(l));
        Assert.Equal([1, 3, 2], top.Select(t => t.Token));
        Assert.Equal(Math.Exp(3) / sum, top[0].Probability, 12);
        Assert.Equal(Math.Exp(2) / sum, top[2].Probability, 12);
        // Large logits do not overflow: softmax subtracts the maximum first.
        Assert.Equal(0.5, NextTokenMath.TopK([1000f, 1000f], 1)[0].Probability, 12);
    }

    [Fact]
    public void Weighted_price_renormalises_over_the_tokens_that_read_as_positive_numbers()
    {
        TokenCandidate[] candidates = [new(1, " 100", 0.5), new(2, "200", 0.2), new(3, "abc", 0.3)];
        // (100·0.5 + 200·0.2) / (0.5 + 0.2)
        Assert.Equal((100 * 0.5 + 200 * 0.2) / 0.7, NextTokenMath.WeightedPrice(candidates), 12);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("inf")]
    [InlineData("nan")]
    [InlineData("1,000")]
    [InlineData("$")]
    public void Tokens_that_are_not_finite_positive_numbers_are_dropped(string text)
    {
        Assert.Equal(0, NextTokenMath.WeightedPrice([new(1, text, 0.9)]));
        Assert.Equal(7, NextTokenMath.WeightedPrice([new(1, text, 0.9), new(2, "7", 0.01)]), 12);
    }

    [Fact]
    public void Python_float_spellings_count_as_numbers()
    {
        // float() accepts surrounding spaces, a fraction, an exponent and underscores between digits.
        Assert.Equal(1.5, NextTokenMath.WeightedPrice([new(1, " 1.5 ", 0.4)]), 12);
        Assert.Equal(1000, NextTokenMath.WeightedPrice([new(1, "1e3", 0.4)]), 12);
        Assert.Equal(1000, NextTokenMath.WeightedPrice([new(1, "1_000", 0.4)]), 12);
    }
}
