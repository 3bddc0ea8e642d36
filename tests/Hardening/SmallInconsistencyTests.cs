using System.IO.Compression;
using Pricer.Cli.Commands;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Tests.Support;
using TestItems = PricerLib.Tests.Dataset.TestItems;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, case 13: score reads gzip; null categories are counted.</summary>
public class SmallInconsistencyTests
{
    private static string Gzip(string path, string text)
    {
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return path;
    }

    [Theory]
    [InlineData("scores.csv.gz", "truth,guess\n10,12\n20,25\n")]
    [InlineData("scores.jsonl.gz", "{\"truth\": 10, \"guess\": 12}\n{\"truth\": 20, \"guess\": 25}\n")]
    public void Score_reads_gzip_files_as_the_other_verbs_do(string name, string text)
    {
        using var dir = new TempDir();

        var scored = ScoreFile.Score(Gzip(dir.File(name), text));

        Assert.Equal(2, scored.Report.Items.Count);
        Assert.Equal(3.5, scored.Report.Metrics.Error, 6);
    }

    [Fact]
    public void A_truncated_gzip_scores_file_is_a_clear_error()
    {
        using var dir = new TempDir();
        var path = Gzip(dir.File("scores.csv.gz"), "truth,guess\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{i + 1}\n")));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => ScoreFile.Score(path));

        Assert.Contains("truncated or corrupt", e.Message);
    }

    [Fact]
    public void A_folder_given_to_score_is_called_a_folder()
    {
        using var dir = new TempDir();

        Assert.Contains("is a folder, not a scores file", Assert.Throws<InvalidDataException>(() => ScoreFile.Score(dir.Path)).Message);
    }

    [Fact]
    public void Build_dataset_counts_items_kept_without_a_category()
    {
        using var dir = new TempDir();
        var input = dir.File("items.jsonl");
        ItemStore.Save(Enumerable.Range(0, 60).Select(i => TestItems.Make($"item {i}", i + 1, i % 4 == 0 ? null : "Appliances")), input);
        var log = new StringWriter();

        int exit = BuildDatasetCommand.Run(new BuildDatasetCommand.Settings { Inputs = [input], Out = dir.File("out"), Train = 30, Test = 10 }, log);

        Assert.Equal(0, exit);
        Assert.Contains("60 items, no rows skipped; 15 kept without a category", log.ToString());
    }
}

/// <summary>Issue 10, case 13 through the real CLI: evaluate says when --size exceeds the file, and when a run replaces another name.</summary>
[Trait("Category", "Slow")]
public class EvaluateInconsistencyTests
{
    [Fact]
    public void A_size_beyond_the_file_and_a_slug_shared_with_another_name_are_said()
    {
        using var dir = new TempDir();
        ItemStore.Save(TestItems.Many("widget", 20, 30, "Appliances"), dir.File("test.jsonl"));
        string[] Evaluate(string name) => ["evaluate", "--pricer", "random", "--test", dir.File("test.jsonl"), "--name", name, "--results", dir.File("results")];

        var first = PricerProcess.Run([.. Evaluate("GPT 4o"), "--size", "100000"]);
        var second = PricerProcess.Run(Evaluate("gpt-4o"));
        var again = PricerProcess.Run(Evaluate("gpt-4o"));

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("--size 100,000, but", first.Stderr);
        Assert.Contains("holds 20 items", first.Stderr);
        Assert.Contains("the run 'gpt-4o' replaces the stored run 'GPT 4o'", second.Stderr);
        // The same name again replaces that run (issue 16: said, not silent), and names no other run.
        Assert.Contains("replaces the stored run of the same name", again.Stderr);
        Assert.DoesNotContain("'GPT 4o'", again.Stderr);
    }
}

/// <summary>Issue 10, case 13: a row with invalid UTF-8 is skipped and counted (as curate does), not read with U+FFFD.</summary>
public class InvalidUtf8RowTests
{
    [Fact]
    public void An_items_row_with_invalid_utf8_is_skipped_and_counted_or_named()
    {
        using var dir = new TempDir();
        var path = dir.File("items.jsonl");
        ItemStore.Save(TestItems.Many("widget", 3, 10, "Appliances"), path);
        var bytes = File.ReadAllBytes(path).ToList();
        int secondTitle = System.Text.Encoding.UTF8.GetString([.. bytes]).IndexOf("\"title\"", 5, StringComparison.Ordinal) + 10;
        bytes.Insert(secondTitle, 0xC3); // a lead byte without its continuation, inside the second row's title
        bytes.Insert(secondTitle + 1, 0x28);
        File.WriteAllBytes(path, [.. bytes]);

        var loaded = ItemStore.Load(path, BadRows.Skip);
        var e = Assert.Throws<ItemFileException>(() => ItemStore.Load(path));

        Assert.Equal(2, loaded.Items.Count);
        Assert.Equal(ItemRowProblem.InvalidUtf8, Assert.Single(loaded.SkippedRows).Problem);
        Assert.Contains("InvalidUtf8 1", loaded.DescribeSkips());
        Assert.Contains("line 2", e.Message);
        Assert.DoesNotContain(loaded.Items, item => item.Title!.Contains('\uFFFD'));
    }
}
