using PricerLib.Data;
using PricerLib.Tests.Amazon;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, cases 1, 2, 4 and 7 through <c>pricer curate</c> as a real process.</summary>
[Trait("Category", "Slow")]
public class CurateHardeningTests
{
    [Fact]
    public void An_output_that_is_the_input_is_refused_and_the_input_kept()
    {
        using var dir = new TempDir();
        var input = AmazonFiles.Write(dir.File("x.jsonl"), [AmazonFiles.RawRow(0)]);
        var before = File.ReadAllBytes(input);

        var (exit, _, stderr) = PricerProcess.Run("curate", input, "--out", input);

        Assert.Equal(1, exit);
        Assert.Contains("is also an input", stderr);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void One_unreadable_input_fails_the_run_unless_skipping_is_asked_for()
    {
        using var dir = new TempDir();
        var good = AmazonFiles.Write(dir.File("a.jsonl"), [AmazonFiles.RawRow(0)]);
        var broken = AmazonFiles.WriteBytes(dir.File("broken.bin"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var output = dir.File("c.jsonl");

        var strict = PricerProcess.Run("curate", good, dir.File("missing.jsonl"), broken, "--out", output);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("2 of 3 inputs could not be read; nothing was written", strict.Stderr);
        Assert.Single(strict.Stderr.Split('\n'), line => line.StartsWith("Error:", StringComparison.Ordinal)); // one line, every reason
        Assert.Contains("missing.jsonl", strict.Stderr);
        Assert.False(File.Exists(output));

        var lenient = PricerProcess.Run("curate", good, dir.File("missing.jsonl"), broken, "--out", output, "--skip-unreadable");
        Assert.True(lenient.ExitCode == 0, lenient.Stderr);
        Assert.Contains("Skipped 2 of 3 inputs", lenient.Stderr);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void A_device_behind_a_link_is_written_into_and_the_link_stays()
    {
        using var dir = new TempDir();
        var input = AmazonFiles.Write(dir.File("a.jsonl"), [AmazonFiles.RawRow(0)]);
        var full = dir.File("full.jsonl");
        File.CreateSymbolicLink(full, "/dev/full");
        var nothing = dir.File("null.jsonl");
        File.CreateSymbolicLink(nothing, "/dev/null");

        var scores = dir.File("scores.csv");
        File.WriteAllText(scores, "truth,guess\n10,12\n20,25\n");
        var toFull = PricerProcess.Run("score", scores, "--html", full); // megabytes of HTML: more than a buffer
        var toNull = PricerProcess.Run("curate", input, "--out", nothing);

        Assert.Equal(1, toFull.ExitCode);
        Assert.Contains("no space left", toFull.Stderr);
        Assert.True(toNull.ExitCode == 0, toNull.Stderr);
        Assert.Equal("symbolic link", Posix.TypeOf(full));
        Assert.Equal("symbolic link", Posix.TypeOf(nothing));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*"));
    }

    [SkippableTheory]
    [InlineData(Posix.SigInt, 130)]
    [InlineData(Posix.SigTerm, 143)]
    public void A_signal_stops_curation_and_removes_the_temp_file(int signal, int expectedExit)
    {
        using var dir = new TempDir();
        var input = dir.File("meta_big.jsonl");
        // Rows the filters keep (as AmazonCliTests' long rows), so tokenizing keeps the process busy for a while.
        File.WriteAllLines(input, Enumerable.Range(0, 150_000).Select(i =>
        {
            var words = string.Join(" ", Enumerable.Range(0, 120).Select(w => $"part{(w * 7 + i) % 50} quality"));
            return $$$"""{"main_category": "Appliances", "title": "Heavy duty widget model {{{i}}}", "price": {{{10 + i % 500}}}.99, "features": ["Sturdy steel body, {{{words}}}"], "description": ["A reliable widget for the home and the workshop."], "details": {"Brand": "Acme", "Color": "Red"}}""";
        }));
        var output = dir.File("items.jsonl.gz");

        var (exit, log) = InterruptedRun.Signal(signal, " kept", "curate", input, "--out", output, "--threads", "1"); // rows are flowing

        Assert.Equal(expectedExit, exit);
        Assert.Contains("Interrupted", log);
        Assert.Equal([input], Directory.GetFiles(dir.Path));
    }
}
