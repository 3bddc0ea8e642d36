using System.Text.Json;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Support;
using EvaluationItems = PricerLib.Tests.Evaluation.TestItems;

namespace PricerLib.Tests.Editions;

/// <summary>The 2025 edition's item format, items files, Tester printout and course rows.</summary>
public class EditionTests
{
    private static Item Item2025(string title, double price, string summary, int id) => new()
    {
        Title = title,
        Category = "Electronics",
        Price = price,
        Prompt = CourseEdition.Course2025.MakePrompt(summary, price),
        Summary = summary,
        Full = $"{title}\nThe full text of {title}.",
        Weight = 1.5,
        Id = id,
    };

    [Fact]
    public void The_2025_prompt_is_the_course_make_prompt_with_pythons_round()
    {
        Assert.Equal("What does this cost to the nearest dollar?\n\nA kettle.\n\nPrice is $2.00", CourseEdition.Course2025.MakePrompt("A kettle.", 2.5));
        Assert.Equal("What does this cost to the nearest dollar?\n\nA kettle.\n\nPrice is $4.00", CourseEdition.Course2025.MakePrompt("A kettle.", 3.5));
        Assert.Equal("How much does this cost to the nearest dollar?\n\nA kettle.\n\nPrice is $10.00", CourseEdition.Course2024.MakePrompt("A kettle.", 9.99));
        Assert.Equal((250, 200), (CourseEdition.Course2024.TestSize(), CourseEdition.Course2025.TestSize()));
        var item = Item2025("Kettle", 24.6, "A kettle.", 7);
        Assert.Equal("What does this cost to the nearest dollar?\n\nA kettle.\n\nPrice is $", item.TestPrompt);
    }

    [Fact]
    public void A_2025_items_file_is_the_course_item_fields_in_its_order_and_loads_back()
    {
        using var dir = new TempDir();
        var items = new[] { Item2025("Kettle", 24.6, "A kettle.", 0), Item2025("Lamp", 80, "A lamp.", 1) with { Weight = null } };
        ItemStore.Save(items, dir.File("items.jsonl"));

        var first = File.ReadLines(dir.File("items.jsonl")).First();
        using (var json = JsonDocument.Parse(first))
            Assert.Equal(["title", "category", "price", "full", "weight", "summary", "prompt", "id"],
                json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Contains("\"weight\":null", File.ReadLines(dir.File("items.jsonl")).Last());

        var loaded = ItemStore.Load(dir.File("items.jsonl"));
        Assert.Equal(items, loaded);
    }

    [Fact]
    public void A_2025_row_without_a_prompt_gets_one_from_its_summary_and_one_without_either_is_a_counted_skip()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("items.jsonl"),
        [
            """{"title":"Kettle","category":"Electronics","price":24.5,"full":null,"weight":2,"summary":"A steel kettle.","prompt":null,"id":3}""",
            """{"title":"Lamp","category":"Electronics","price":80,"summary":null,"prompt":null}""",
            """{"title":"Chair","category":"Electronics","price":40,"summary":"A chair.","weight":"heavy"}""",
            """{"prompt":"What does this cost to the nearest dollar?\n\nA desk fan.\n\nPrice is $","completion":"19.99"}""",
        ]);

        var result = ItemStore.Load(dir.File("items.jsonl"), BadRows.Skip);

        Assert.Equal(2, result.Items.Count);
        var kettle = result.Items[0];
        Assert.Equal("What does this cost to the nearest dollar?\n\nA steel kettle.\n\nPrice is $24.00", kettle.Prompt);
        Assert.Equal((2.0, 3, "A steel kettle."), (kettle.Weight!.Value, kettle.Id!.Value, kettle.Summary!));
        // items_prompts rows: the price is the completion, the prompt is prompt + completion, the title its first line.
        var fan = result.Items[1];
        Assert.Equal((19.99, "A desk fan."), (fan.Price, fan.Title));
        Assert.EndsWith("Price is $19.99", fan.Prompt);
        Assert.Equal([ItemRowProblem.MissingPrompt, ItemRowProblem.WrongFieldType], result.SkippedRows.Select(s => s.Problem));
    }

    [Fact]
    public async Task A_2025_parquet_file_loads_with_summaries_and_one_of_another_schema_is_a_clear_error()
    {
        using var dir = new TempDir();
        await CourseParquet.WriteAsync(dir.File("items.parquet"),
        [
            new("Kettle", "Electronics", 24.6, null, 1.5, "A kettle.", null, 0),
            new("Lamp", "Electronics", null, null, null, "A lamp.", null, 1),
            new("Chair", "Electronics", 40, null, null, null, null, 2),
        ]);

        var result = ItemStore.Load(dir.File("items.parquet"), BadRows.Skip);

        var kettle = Assert.Single(result.Items);
        Assert.Equal(Item2025("Kettle", 24.6, "A kettle.", 0) with { Full = null }, kettle);
        Assert.Equal([ItemRowProblem.MissingPrice, ItemRowProblem.MissingPrompt], result.SkippedRows.Select(s => s.Problem));

        await CourseParquet.WriteOtherSchemaAsync(dir.File("other.parquet"));
        var error = Assert.Throws<ItemFileException>(() => ItemStore.Load(dir.File("other.parquet")));
        Assert.Contains("without a \"price\"", error.Message);
        Assert.Contains("review", error.Message);
    }

    [Fact]
    public async Task The_2025_tester_prints_error_with_its_interval_mse_and_r2_as_the_course_does()
    {
        var items = EvaluationItems.Priced(4); // truths 10, 20, 30, 40; guesses 20, 40, 20, 40 → errors 10, 20, 10, 0
        var guesses = new Dictionary<double, double> { [10] = 20, [20] = 40, [30] = 20, [40] = 40 };
        var report = await Tester.RunAsync(Predictor.FromPrice(i => guesses[i.Price]), items,
            new TesterOptions { Title = "Guesser", Edition = CourseEdition.Course2025 });

        // mean 10, population sd √50 → 1.96·√50/√4 = 6.93; MSE (100+400+100+0)/4 = 150; r² = 1 − 600/500 = −20%.
        Assert.Equal("Guesser Error: $10.00 ± $6.93", report.ErrorWithInterval);
        Assert.Equal("Guesser Error: $10.00 ± $6.93 MSE: 150 r²: -20.0% Items=4", ReportText.Summary(report));
        Assert.Equal("Guesser results<br><b>Error:</b> $10.00 <b>MSE:</b> 150 <b>r²:</b> -20.0%", report.ChartTitle);
        Assert.StartsWith("Guesser Error=$10.00 RMSLE=", ReportText.Summary(report with { Edition = CourseEdition.Course2024 }));

        var run = RunRecord.From(report, "guesser", "constant", new PricerDetails("constant", null, new Dictionary<string, string>()), new RunSettings(4, 42, 1));
        Assert.Equal(CourseEdition.Course2025, run.Edition);
        Assert.Equal(CourseEdition.Course2025, run.ToReport().Edition);
    }

    [Fact]
    public async Task Runs_record_their_edition_and_runs_stored_before_editions_read_as_2024()
    {
        using var dir = new TempDir();
        var store = new ResultsStore(dir.Path);
        store.Save(await Run("nn", CourseEdition.Course2025));
        Assert.Equal(CourseEdition.Course2025, store.Load("nn")!.Edition);

        var old = JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonObject>(File.ReadAllText(store.PathFor("nn")))!;
        old.Remove("edition");
        File.WriteAllText(store.PathFor("nn"), old.ToJsonString());
        Assert.Equal(CourseEdition.Course2024, store.Load("nn")!.Edition);
    }

    [Theory]
    [InlineData("constant", "Constant")]
    [InlineData("weight-lr", "Linear Regression")]
    [InlineData("nlp-lr", "NLP + LR")]
    [InlineData("forest", "Random Forest")]
    [InlineData("gbdt", "XGBoost")]
    [InlineData("nn", "Neural Network")]
    [InlineData("human", "Human (Ed)")]
    [InlineData("frontier:gpt-4.1-nano", "GPT 4.1 Nano")]
    [InlineData("frontier:ft:gpt-4.1-nano-2025-04-14:acme::x", "GPT 4.1 Nano (Fine-tuned)")]
    [InlineData("frontier:gpt-5.1", "GPT 5.1")]
    [InlineData("frontier:openai/gpt-5.1", "GPT 5.1")]
    [InlineData("frontier:claude-sonnet-4-5", "Claude 4.5 Sonnet")]
    [InlineData("frontier:gemini-3-pro-preview", "Gemini 3 Pro")]
    [InlineData("frontier:x-ai/grok-4.1-fast", "Grok 4.1 Fast")]
    [InlineData("frontier:gpt-4o-mini", null)]
    [InlineData("word2vec-rf", null)]
    public void Each_2025_kind_maps_to_its_2025_course_row(string spec, string? row)
    {
        Assert.Equal(row, CourseRows.NameFor(spec, null, CourseEdition.Course2025));
        if (row is not null) Assert.Contains(CourseReference.Load(CourseEdition.Course2025).Results, r => r.Name == row);
    }

    [Fact]
    public async Task The_leaderboard_names_runs_of_the_other_edition_and_gives_them_no_course_row()
    {
        var runs = new[] { await Run("nn", CourseEdition.Course2025), await Run("constant", CourseEdition.Course2024) };

        var rows2025 = Leaderboard.Rows(runs, CourseReference.Load(CourseEdition.Course2025));
        Assert.Equal("Neural Network", rows2025.Single(r => r.Name == "nn").CourseRow!.Name);
        var old = rows2025.Single(r => r.Name == "constant (2024 edition)");
        Assert.Null(old.CourseRow);
        Assert.Contains(rows2025, r => r.Name == "Constant (course 2025)" && r.HitsPercent is null && r.Rmsle is null);

        var rows2024 = Leaderboard.Rows(runs, CourseReference.Load());
        Assert.Contains(rows2024, r => r.Name == "nn (2025 edition)" && r.CourseRow is null);
        Assert.Equal("constant", rows2024.Single(r => r.Name == "constant").CourseRow!.Name);
        Assert.Contains(Leaderboard.Rows(runs), r => r.Name == "nn"); // without figures nothing is marked
    }

    private static async Task<RunRecord> Run(string spec, CourseEdition edition)
    {
        var report = await Tester.RunAsync(Predictor.FromPrice(i => i.Price + 5), EvaluationItems.Priced(8),
            new TesterOptions { Title = spec, Edition = edition });
        return RunRecord.From(report, spec, spec, new PricerDetails(spec, null, new Dictionary<string, string>()), new RunSettings(8, 42, 1));
    }
}
