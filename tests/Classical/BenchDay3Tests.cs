using PricerLib.Data;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Classical;

/// <summary><c>pricer bench day3</c> through the real CLI: one real <c>pricer evaluate</c> child process per pricer.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public class BenchDay3Tests
{
    [Fact]
    public void Each_pricer_runs_as_its_own_timed_process_and_a_failing_one_fails_the_bench()
    {
        using var dir = new TempDir();
        var items = dir.File("items.jsonl");
        ItemStore.Save(ClassicalItems.Make(60, seed: 8), items);

        var (exit, stdout, stderr) = PricerProcess.Run("bench", "day3", "--items", items, "--sizes", "40", "--test-size", "10",
            "--pricers", "random,constant,features-lr", "--against", "100");

        Assert.True(exit == 0, stderr);
        Assert.Contains("40 random:", stdout); // a kind that does not train gets no --train
        Assert.Contains("40 constant:", stdout);
        Assert.Contains("40 features-lr:", stdout);
        Assert.Matches(@"40: every process in [\d.]+ s wall, [\d.]+ CPU s; [\d.]+× faster than 100 s", stdout);

        // A kind that does not exist: its process fails, the bench says which and why, and exits 1.
        (exit, _, stderr) = PricerProcess.Run("bench", "day3", "--items", items, "--sizes", "40", "--test-size", "10", "--pricers", "no-such-kind");
        Assert.Equal(1, exit);
        Assert.Contains("no-such-kind failed", stderr);
    }
}
