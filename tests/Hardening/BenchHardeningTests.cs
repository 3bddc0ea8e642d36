using PricerLib.Tests.Support;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, cases 4 and 13 for <c>bench curate</c>: its generated input under a signal, and a cached input that holds fewer records.</summary>
public class BenchHardeningTests
{
    [SkippableTheory]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    [InlineData(Posix.SigInt, 130)]
    [InlineData(Posix.SigTerm, 143)]
    public void A_signal_while_generating_the_input_leaves_no_file_behind(int signal, int expectedExit)
    {
        using var dir = new TempDir();
        var environment = new Dictionary<string, string?> { [WorkbookSettings.Variables.Out] = dir.Path };

        // Tens of millions of records take minutes to generate: the signal arrives while the input is written.
        var (exit, log) = InterruptedRun.Signal(environment, signal, "Generating", "bench", "curate", "--records", "40000000");

        Assert.Equal(expectedExit, exit);
        Assert.Contains("Interrupted", log);
        var bench = Path.Combine(dir.Path, "bench");
        Assert.Empty(Directory.Exists(bench) ? Directory.GetFileSystemEntries(bench) : []); // neither the input nor a temp file
    }

    [Fact]
    public void A_cached_input_that_holds_fewer_records_is_reported_with_the_count_read()
    {
        using var dir = new TempDir();
        var bench = Directory.CreateDirectory(Path.Combine(dir.Path, "bench")).FullName;
        // The cache is named by the requested count; this one was cut short (or edited) to 300 records.
        PricerLib.Data.Demo.DemoCatalogue.WriteFile(Path.Combine(bench, "demo-5000.jsonl"), 300, seed: 42);
        var environment = new Dictionary<string, string?> { [WorkbookSettings.Variables.Out] = dir.Path };

        var (exit, stdout, stderr) = PricerProcess.Run(environment, "bench", "curate", "--records", "5000", "--threads", "1");

        Assert.Equal(0, exit);
        Assert.Contains("Input: 300 synthetic raw records", stdout);
        Assert.Contains("asked for 5,000", stderr);
        Assert.Contains("holds 300", stderr);
    }
}
