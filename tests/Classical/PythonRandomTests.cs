using System.Numerics;
using PricerLib.Classical;

namespace PricerLib.Tests.Classical;

public class PythonRandomTests
{
    // Expected values printed by CPython 3: random.seed(s); [random.randrange(1, 1000) for _ in range(n)].
    [Fact]
    public void Seed_42_gives_the_courses_first_ten_guesses()
    {
        var random = new PythonRandom(42);
        var draws = Enumerable.Range(0, 10).Select(_ => random.RandRange(1, 1000)).ToArray();
        Assert.Equal([655, 115, 26, 760, 282, 251, 229, 143, 755, 105], draws);
    }

    [Theory]
    [InlineData("7", new long[] { 332, 971, 155 })]
    [InlineData("0", new long[] { 865, 395, 777 })]
    [InlineData("-3", new long[] { 244, 607, 558 })] // CPython seeds with abs(n)
    [InlineData("1099511627781", new long[] { 517, 530, 276 })] // 2**40 + 5: two 32-bit key words
    public void Other_seeds_match_CPython(string seed, long[] expected)
    {
        var random = new PythonRandom(BigInteger.Parse(seed));
        Assert.Equal(expected, expected.Select(_ => random.RandRange(1, 1000)));
    }

    [Fact]
    public void A_thousand_draws_and_wider_bits_match_CPython()
    {
        var random = new PythonRandom(42);
        Assert.Equal(501_265, Enumerable.Range(0, 1000).Sum(_ => random.RandRange(1, 1000)));
        Assert.Equal(SixtyFourBits, new PythonRandom(42).GetRandBits(64));
        var doubles = new PythonRandom(42);
        doubles.NextDouble();
        Assert.Equal(SecondDouble, doubles.NextDouble());
    }

    [Fact]
    public void An_empty_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PythonRandom(1).RandRange(5, 5));
    }

    private const ulong SixtyFourBits = 2053695854357871005;
    private const double SecondDouble = 0.025010755222666936;
}
