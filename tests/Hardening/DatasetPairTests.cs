using System.Text.Json;
using PricerLib.Data;
using PricerLib.Data.Dataset;
using PricerLib.Tests.Support;
using TestItems = PricerLib.Tests.Dataset.TestItems;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, case 3: a train/test pair is replaced together or not at all, and checked against its manifest.</summary>
public class DatasetPairTests
{
    private static DatasetSplit Split(string name, int seed) => DatasetSplitter.ShuffleAndSplit(
        Enumerable.Range(0, 300).Select(i => TestItems.Make($"{name} {i}", i % 200 + 1)).ToList(), 200, 50, seed);

    [Fact]
    public void A_failure_while_writing_the_test_split_leaves_the_old_pair_whole()
    {
        using var dir = new TempDir();
        Split("old", 1).Save(dir.Path);
        var before = Directory.GetFiles(dir.Path).Order().Select(File.ReadAllBytes).ToList();
        var fresh = Split("new", 2);
        // The disk fills up part-way through the test file.
        var failing = fresh with { Test = new FailingAfter(fresh.Test, 10, new IOException("No space left on device", 28)) };

        var e = Assert.Throws<OutputFileException>(() => failing.Save(dir.Path));

        Assert.Contains("no space left", e.Message);
        Assert.Equal(before, Directory.GetFiles(dir.Path).Order().Select(File.ReadAllBytes).ToList()); // old train, old test, old manifest; no temp file
        Assert.Empty(DatasetManifest.CheckPair(dir.Path));
    }

    [Fact]
    public void Cancelling_the_write_leaves_the_old_pair_and_no_temp_file()
    {
        using var dir = new TempDir();
        Split("old", 1).Save(dir.Path);
        var names = Directory.GetFiles(dir.Path).Order().ToList();
        using var cancellation = new CancellationTokenSource();
        var fresh = Split("new", 2);
        var cancelling = fresh with { Test = new FailingAfter(fresh.Test, 10, null, cancellation) };

        Assert.ThrowsAny<OperationCanceledException>(() => cancelling.Save(dir.Path, cancellation.Token));

        Assert.Equal(names, Directory.GetFiles(dir.Path).Order().ToList());
        Assert.Equal(50, ItemStore.Load(dir.File(DatasetSplit.TestFileName)).Count(i => i.Title!.StartsWith("old", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_manifest_records_both_files_and_the_seed()
    {
        using var dir = new TempDir();
        Split("a", 7).Save(dir.Path);

        using var manifest = JsonDocument.Parse(File.ReadAllText(dir.File(DatasetManifest.FileName)));
        var root = manifest.RootElement;
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.Equal(200, root.GetProperty("train").GetProperty("items").GetInt32());
        Assert.Equal(50, root.GetProperty("test").GetProperty("items").GetInt32());
        Assert.Equal(new FileInfo(dir.File("test.jsonl.gz")).Length, root.GetProperty("test").GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(dir.File("train.jsonl.gz")))),
            root.GetProperty("train").GetProperty("sha256").GetString());
        Assert.Empty(DatasetManifest.CheckPair(dir.Path));
    }

    [Fact]
    public void A_pair_that_disagrees_with_its_manifest_is_reported_file_by_file()
    {
        using var dir = new TempDir();
        using var other = new TempDir();
        Split("a", 1).Save(dir.Path);
        Split("b", 2).Save(other.Path);
        File.Copy(other.File("test.jsonl.gz"), dir.File("test.jsonl.gz"), overwrite: true); // a rename that happened, then a crash

        Assert.Empty(DatasetManifest.Check(dir.File("train.jsonl.gz")));
        var warning = Assert.Single(DatasetManifest.Check(dir.File("test.jsonl.gz")));
        Assert.Contains("does not match", warning);
        Assert.Single(DatasetManifest.CheckPair(dir.Path));
        File.WriteAllText(dir.File(DatasetManifest.FileName), "{ cut");
        Assert.Contains("cannot be read", Assert.Single(DatasetManifest.Check(dir.File("train.jsonl.gz"))));
        Assert.Empty(DatasetManifest.Check(other.File("nothing-to-do-with-it.jsonl")));
    }

    /// <summary>The items, but enumerating past <c>count</c> fails with <c>error</c> (or cancels <c>cancel</c>).</summary>
    private sealed class FailingAfter(IReadOnlyList<Item> items, int count, Exception? error, CancellationTokenSource? cancel = null) : IReadOnlyList<Item>
    {
        public Item this[int index] => items[index];
        public int Count => items.Count;

        public IEnumerator<Item> GetEnumerator()
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (i == count)
                {
                    if (error is not null) throw error;
                    cancel!.Cancel();
                }
                yield return items[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>Issue 10, cases 3 and 4 through the real CLI: evaluate warns about a mismatched pair; a signal leaves the old pair.</summary>
[Trait("Category", "Slow")]
public class BuildDatasetHardeningTests
{
    [Fact]
    public void Evaluate_warns_when_the_test_file_disagrees_with_its_manifest()
    {
        using var dir = new TempDir();
        using var other = new TempDir();
        Split(dir.Path, 1);
        Split(other.Path, 2);
        File.Copy(other.File("test.jsonl.gz"), dir.File("test.jsonl.gz"), overwrite: true);

        var (exit, _, stderr) = PricerProcess.Run("evaluate", "--pricer", "random", "--test", dir.File("test.jsonl.gz"), "--results", dir.File("results"));

        Assert.True(exit == 0, stderr);
        Assert.Contains($"Warning: {dir.File("test.jsonl.gz")} does not match", stderr);
    }

    private static void Split(string folder, int seed) => DatasetSplitter.ShuffleAndSplit(
        Enumerable.Range(0, 100).Select(i => TestItems.Make($"item {seed} {i}", i + 1)).ToList(), 50, 20, seed).Save(folder);

    [SkippableTheory]
    [InlineData(Posix.SigInt, 130)]
    [InlineData(Posix.SigTerm, 143)]
    public void A_signal_while_writing_leaves_the_old_pair_and_no_temp_file(int signal, int expectedExit)
    {
        using var dir = new TempDir();
        var input = dir.File("items.jsonl");
        // Long, varied prompts priced $240+ (slots kept whole), so compressing the pair takes seconds.
        ItemStore.Save(Enumerable.Range(0, 150_000).Select(i => TestItems.Make(
            $"Widget {i} " + string.Join(" ", Enumerable.Range(0, 60).Select(w => $"w{(w * 31 + i * 17) % 9973}")), 240 + i % 700)), input);
        var output = dir.File("splits");
        Split(output, 1);
        var before = Directory.GetFiles(output).Order().Select(File.ReadAllBytes).ToList();

        var (exit, log) = InterruptedRun.Signal(signal, "writing train.jsonl.gz", "build-dataset", input, "--out", output, "--train", "140000", "--test", "2000");

        Assert.Equal(expectedExit, exit);
        Assert.Contains("Interrupted", log);
        Assert.Equal(before, Directory.GetFiles(output).Order().Select(File.ReadAllBytes).ToList()); // no temp file either
    }
}
