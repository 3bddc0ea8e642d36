using System.Text.Json;
using System.Text.Json.Nodes;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.TestServer;
using PricerLib.Tests.Frontier;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Editions;

/// <summary>
/// The 2025 data verbs through the real CLI: <c>curate --edition 2025</c> on hand-written metadata rows (Hugging Face
/// shape), <c>summarize --batch</c> of its output against the test server, and <c>train</c>/<c>score</c> with <c>--edition</c>.
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class Curate2025CliTests
{
    private static readonly string Long = string.Concat(Enumerable.Repeat("A sturdy appliance for every kitchen. ", 20));

    private static string Row(string title, string price, string details = "{}", string? description = null) => new JsonObject
    {
        ["title"] = title,
        ["main_category"] = "Home",
        ["price"] = price,
        ["description"] = new JsonArray(description ?? Long),
        ["features"] = new JsonArray("Quiet"),
        ["details"] = details,
    }.ToJsonString();

    private static string WriteMetadata(TempDir dir)
    {
        var rows = Enumerable.Range(1, 14).Select(i => Row($"Blender {i}", $"{10 * i}.5", $$"""{"Item Weight": "{{i}} pounds", "Part Number": "BL{{i}}"}"""))
            .Append(Row("No price", "None"))
            .Append(Row("Short", "20", description: "Too short."))
            .Append(Row("List details", "20", "[1, 2]"))
            .Append(Row("Bad weight", "20", """{"Item Weight": "5"}"""));
        string path = dir.File("meta_Appliances.jsonl");
        File.WriteAllLines(path, rows);
        return path;
    }

    [Fact]
    public void Curate_2025_counts_each_filters_skips_and_writes_raw_items_split_the_courses_way()
    {
        using var dir = new TempDir();
        string input = WriteMetadata(dir);

        var result = PricerProcess.Run("curate", "--edition", "2025", input, "--out", dir.File("raw"), "--train", "6", "--validation", "2", "--test", "2");
        var again = PricerProcess.Run("curate", "--edition", "2025", input, "--out", dir.File("raw2"), "--train", "6", "--validation", "2", "--test", "2");
        var tooMany = PricerProcess.Run("curate", "--edition", "2025", input, "--out", dir.File("big"), "--train", "14", "--validation", "0", "--test", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var skip in new[] { "UnparsablePrice 1", "TooShortFullText 1", "UnreadableDetails 1", "UnreadableWeight 1", "kept 14" })
            Assert.Contains(skip, result.Stderr);
        var splits = Curate2025SplitNames.Select(name => ItemStore.Load(Path.Combine(dir.File("raw"), name + ".jsonl"))).ToList();
        Assert.Equal([6, 2, 2], splits.Select(s => s.Count));
        var all = splits.SelectMany(s => s).ToList();
        Assert.All(all, item => Assert.Equal("Appliances", item.Category));
        Assert.All(all, item => Assert.Null(item.Summary));
        Assert.All(all, item => Assert.Equal(double.Parse(item.Title.Split(' ')[1]), item.Weight));
        Assert.All(all, item => Assert.DoesNotContain("Part Number", item.Full));
        Assert.Equal(10, all.Select(i => i.Title).Distinct().Count());
        Assert.DoesNotContain(all, item => item.Title == "Blender 1"); // the cheapest weighs nothing
        Assert.Contains("\"prompt\":null", File.ReadLines(Path.Combine(dir.File("raw"), "train.jsonl")).First());
        Assert.Equal(File.ReadAllText(Path.Combine(dir.File("raw"), "test.jsonl")), File.ReadAllText(Path.Combine(dir.File("raw2"), "test.jsonl")));

        Assert.NotEqual(0, tooMany.ExitCode);
        Assert.Contains("only 13 of the 14 distinct items have a positive weight", tooMany.Stderr);
        Assert.False(Directory.Exists(dir.File("big")) && Directory.EnumerateFiles(dir.File("big")).Any());
    }

    private static readonly string[] Curate2025SplitNames = ["train", "validation", "test"];

    [Fact]
    public async Task Summarize_batch_sends_one_batch_after_the_estimate_and_a_rerun_sends_nothing_new()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.Responder = request => ServerReply.Text("Title: " + request.LastMessage()!.Split('\n')[0]);
        var raw = Enumerable.Range(0, 3).Select(i => new Item { Title = $"Kettle {i}", Price = 20 + i, Prompt = "", Full = $"Kettle {i}\nA steel kettle." }).ToList();
        ItemStore.Save(raw, rig.Folder.File("raw.jsonl"));
        var environment = new Dictionary<string, string?> { [WorkbookSettings.Variables.Cache] = rig.CacheFolder };
        string[] args = ["summarize", "--batch", "--poll", "0.01", "--items", rig.Folder.File("raw.jsonl"), "--out", rig.Folder.File("out.jsonl"),
            "--base-url", rig.Server.BaseUrl.AbsoluteUri];

        var first = PricerProcess.Run(environment, args);
        var second = PricerProcess.Run(environment, args);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(first.Stderr.IndexOf("to send: 3 requests", StringComparison.Ordinal) < first.Stderr.IndexOf("Created batch", StringComparison.Ordinal), first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("Resuming: 3 summaries kept", second.Stderr);
        Assert.Single(rig.Server.Batches.All);
        Assert.Equal(raw.Select(i => "Title: " + i.Title), ItemStore.Load(rig.Folder.File("out.jsonl")).Select(i => i.Summary));
    }

    [Fact]
    public void Train_and_score_take_the_edition_record_it_and_leave_out_items_without_a_summary()
    {
        using var dir = new TempDir();
        Item Summarized(string title, double price, string? summary) => new() { Title = title, Price = price, Prompt = "", Full = title + " text", Summary = summary };
        ItemStore.Save([Summarized("a", 10, "A small thing."), Summarized("b", 30, "A big thing."), Summarized("c", 500, null)], dir.File("train.jsonl"));
        ItemStore.Save([Summarized("c", 500, null)], dir.File("raw.jsonl"));
        File.WriteAllText(dir.File("scores.csv"), "truth,guess\n100,120\n200,150\n50,200\n10,0\n");

        var train = PricerProcess.Run("train", "--edition", "2025", "--pricer", "constant", "--train", dir.File("train.jsonl"), "--model-out", dir.File("model"));
        var unsummarized = PricerProcess.Run("train", "--edition", "2025", "--pricer", "constant", "--train", dir.File("raw.jsonl"), "--model-out", dir.File("model2"));
        var score = PricerProcess.Run(new Dictionary<string, string?> { [WorkbookSettings.Variables.Edition] = "2025" }, "score", dir.File("scores.csv"), "--title", "Mine");
        var scoreJson = PricerProcess.Run("score", "--edition", "2025", dir.File("scores.csv"), "--json");
        var score2024 = PricerProcess.Run("score", dir.File("scores.csv"), "--json");

        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("Skipped 1 of 3 items without a summary", train.Stderr);
        var manifest = JsonSerializer.Deserialize<TrainedModelManifest>(File.ReadAllText(Path.Combine(dir.File("model"), "model.json")), EvaluationJson.Options)!;
        Assert.Equal((CourseEdition.Course2025, 2), (manifest.Edition, manifest.TrainedOn.Items));
        Assert.Equal(1, unsummarized.ExitCode);
        Assert.Contains("has a summary", unsummarized.Stderr);
        Assert.False(Directory.Exists(dir.File("model2")) && File.Exists(Path.Combine(dir.File("model2"), "model.json")));
        Assert.True(score.ExitCode == 0, score.Stderr);
        Assert.Contains("Mine Error: $57.50 ±", score.Stdout);
        Assert.Equal("2025", JsonDocument.Parse(scoreJson.Stdout).RootElement.GetProperty("edition").GetString());
        Assert.Equal("2024", JsonDocument.Parse(score2024.Stdout).RootElement.GetProperty("edition").GetString());
    }
}
