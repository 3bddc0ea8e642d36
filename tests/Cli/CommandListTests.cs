using PricerLib.Tests.Support;

namespace PricerLib.Tests.Cli;

[Trait(TestTiers.Category, TestTiers.Slow)]
public class CommandListTests
{
    [Fact]
    public void Every_verb_of_the_readme_is_registered()
    {
        var (exitCode, stdout, _) = PricerProcess.Run("--help");

        Assert.Equal(0, exitCode);
        foreach (var verb in new[] { "curate", "download", "download-tokenizer", "build-dataset", "count-tokens", "score",
                     "pricers", "train", "evaluate", "leaderboard", "notebooks", "demo", "bench" })
            Assert.Matches($@"(?m)^\s+{verb}\s", stdout);

        var bench = PricerProcess.Run("bench", "--help");
        Assert.Matches(@"(?m)^\s+curate\s", bench.Stdout);
    }
}
