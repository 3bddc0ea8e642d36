using Pricer.Cli.Commands;
using PricerLib.Data;
using PricerLib.Tests.Support;
using Spectre.Console.Cli;

namespace PricerLib.Tests.Dataset;

public class BuildDatasetCommandTests
{
    private static string WriteItems(TempDir dir, string name, int count)
    {
        var path = dir.File(name);
        ItemStore.Save(Enumerable.Range(0, count).Select(i =>
            TestItems.Make($"{name} {i}", i % 300 + 1, i % 3 == 0 ? "Automotive" : "Appliances")), path);
        return path;
    }

    [Fact]
    public void Parses_its_options_and_writes_both_splits()
    {
        using var dir = new TempDir();
        var a = WriteItems(dir, "a.jsonl", 300);
        var b = WriteItems(dir, "b.jsonl.gz", 200);
        var app = new CommandApp<BuildDatasetCommand>();
        int exit = app.Run([a, b, "--out", dir.File("out"), "--train", "400", "--test", "50", "--seed", "3"]);
        Assert.Equal(0, exit);
        var train = ItemStore.Load(dir.File("out/train.jsonl.gz"));
        var test = ItemStore.Load(dir.File("out/test.jsonl.gz"));
        Assert.Equal(400, train.Count);
        Assert.Equal(50, test.Count);
        Assert.Empty(train.Select(i => i.Title).Intersect(test.Select(i => i.Title)));
    }

    private static (int Exit, string Log) Run(params string[] inputs) => Run(false, inputs);

    private static (int Exit, string Log) Run(bool skipBadRows, params string[] inputs)
    {
        var log = new StringWriter();
        var outDir = Path.Combine(Path.GetDirectoryName(inputs[0])!, "out");
        int exit = BuildDatasetCommand.Run(new BuildDatasetCommand.Settings
        {
            Inputs = inputs, Out = outDir, Train = 100, Test = 20, SkipBadRows = skipBadRows,
        }, log);
        return (exit, log.ToString());
    }

    [Fact]
    public void Reports_the_summary_and_a_shrunk_train_split()
    {
        using var dir = new TempDir();
        var (exit, log) = Run(WriteItems(dir, "few.jsonl", 60));
        Assert.Equal(0, exit);
        Assert.Contains("few.jsonl: 60 items, no rows skipped", log);
        Assert.Contains("warning: asked for 100 training items, the sample leaves 40", log);
        Assert.Contains("Automotive", log);
        Assert.True(File.Exists(dir.File("out/test.jsonl.gz")));
    }

    [Fact]
    public void A_missing_input_fails_with_its_name_and_writes_nothing()
    {
        using var dir = new TempDir();
        var (exit, log) = Run(dir.File("absent.jsonl"));
        Assert.Equal(1, exit);
        Assert.Contains($"Error: {dir.File("absent.jsonl")} does not exist", log);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_bad_row_fails_naming_its_line_unless_bad_rows_are_skipped()
    {
        using var dir = new TempDir();
        var path = WriteItems(dir, "items.jsonl", 60);
        File.AppendAllLines(path, ["{\"title\": \"t\", \"price\": -5, \"prompt\": \"p\"}"]);

        var (exit, log) = Run(path);
        Assert.Equal(1, exit);
        Assert.Contains("line 61: price -5 is negative", log);
        Assert.False(Directory.Exists(dir.File("out")));

        (exit, log) = Run(skipBadRows: true, path);
        Assert.Equal(0, exit);
        Assert.Contains("60 items, 1 row skipped (NegativePrice 1)", log);
    }

    [Fact]
    public void Too_few_items_for_the_test_split_fails_and_writes_nothing()
    {
        using var dir = new TempDir();
        var (exit, log) = Run(WriteItems(dir, "tiny.jsonl", 15));
        Assert.Equal(1, exit);
        Assert.Contains("Error: the sample has 15 items", log);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
