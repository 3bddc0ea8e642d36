using Pricer.Cli.Classical;
using PricerLib.Classical;
using PricerLib.Editions;

namespace PricerLib.Tests.Classical;

/// <summary>
/// What <c>pricer bench day3</c> runs by default: the course's own day 3 of the edition, so that a time quoted for the
/// course's stack is compared like with like; <c>gbm</c> (beyond the course) only when named.
/// </summary>
public class BenchDay3DefaultsTests
{
    [Fact]
    public void The_2024_default_is_the_courses_day_3_without_gbm()
    {
        Assert.Equal(["random", "constant", "features-lr", "bow-lr", "word2vec-lr", "word2vec-svr", "word2vec-rf"],
            BenchDay3Command.CourseDay3(CourseEdition.Course2024));
        Assert.Contains("gbm", ClassicalPricers.Kinds); // still a kind: opt-in by name
    }

    [Fact]
    public void The_2025_default_is_the_2025_editions_baselines()
    {
        Assert.Equal(["random", "constant", "weight-lr", "nlp-lr", "forest", "gbdt", "nn"],
            BenchDay3Command.CourseDay3(CourseEdition.Course2025));
    }
}
