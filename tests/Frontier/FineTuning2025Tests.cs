using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Frontier.FineTuning;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Frontier;

/// <summary>The 2025 edition's day 5: its JSONL byte for byte, its job on GPT-4.1-nano, and a refusal said plainly.</summary>
public class FineTuning2025Tests
{
    private static List<PricerLib.Data.Item> Summarised(int count, string prefix) =>
        TestItems.Priced(count, prefix).Select(item => item with { Summary = $"Title: {item.Title}\nCategory: Appliances" }).ToList();

    private static FrontierFineTuner Tuner(FrontierRig rig, TextWriter? log = null) =>
        new(rig.Rest(), rig.Folder.File("fine-tuning"), TimeSpan.FromMilliseconds(5)) { Log = log };

    [Fact]
    public void The_2025_jsonl_is_the_courses_make_jsonl_byte_for_byte()
    {
        var items = new[] { TestItems.Make("Café kettle", 1234.5) with { Summary = "Title: Café kettle\nPrice band: \"high\"" } };

        string jsonl = FineTuningData.Jsonl(items, CourseEdition.Course2025);

        // messages_for(item) of 2025 day 5: one user message and f"${item.price:.2f}", through json.dumps.
        Assert.Equal(
            """{"messages": [{"role": "user", "content": "Estimate the price of this product. Respond with the price, no explanation\n\nTitle: Caf\u00e9 kettle\nPrice band: \"high\""}, {"role": "assistant", "content": "$1234.50"}]}""",
            jsonl);
    }

    [Fact]
    public void Validation_items_come_from_the_validation_split_when_one_is_given()
    {
        var train = Summarised(120, "Train");
        var validation = Summarised(60, "Val");

        var data = FineTuningData.From(train, FineTuningData.CourseTrainSize2025, FineTuningData.CourseValidationSize, CourseEdition.Course2025, validation);

        Assert.Equal(FineTuningData.Jsonl(train.Take(100), CourseEdition.Course2025), data.Train);
        Assert.Equal(FineTuningData.Jsonl(validation.Take(50), CourseEdition.Course2025), data.Validation);
        Assert.Contains("the validation file has 60", Assert.Throws<FrontierException>(() =>
            FineTuningData.From(train, 100, 61, CourseEdition.Course2025, validation)).Message);
        Assert.Contains("has no summary", Assert.Throws<FrontierException>(() =>
            FineTuningData.From(TestItems.Priced(20), 10, 5, CourseEdition.Course2025)).Message);
    }

    [Fact]
    public async Task The_2025_job_is_gpt_4_1_nano_with_one_epoch_and_batch_size_one()
    {
        await using var rig = await FrontierRig.StartAsync();
        var data = FineTuningData.From(Summarised(100, "Train"), 100, 50, CourseEdition.Course2025, Summarised(50, "Val"));

        var result = await Tuner(rig).RunAsync(data, FineTuningSpec.For(CourseEdition.Course2025));

        var job = Assert.Single(rig.Server.FilesAndJobs.Jobs);
        Assert.Equal("gpt-4.1-nano-2025-04-14", (string?)job["model"]);
        Assert.Equal(1, (int)job["hyperparameters"]!["n_epochs"]!);
        Assert.Equal(1, (int)job["hyperparameters"]!["batch_size"]!);
        Assert.Equal(42, (int)job["seed"]!);
        Assert.StartsWith("ft:gpt-4.1-nano-2025-04-14:test-server:pricer:", result.FineTunedModel);
        Assert.Equal(7, FrontierDefaults.Find2025(result.FineTunedModel)?.MaxTokens);
        Assert.NotEqual(FineTuningSpec.For(CourseEdition.Course2025).Fingerprint(data), (FineTuningSpec.For(CourseEdition.Course2025) with { BatchSize = null }).Fingerprint(data));
    }

    [Theory]
    [InlineData(403, "You do not have access to fine-tuning for this organization.")]
    [InlineData(400, "Model gpt-4.1-nano-2025-04-14 is not available for fine-tuning or does not exist.")]
    public async Task A_refusal_by_the_service_says_so_and_points_to_the_open_source_path(int status, string message)
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.FilesAndJobs.RefuseJobsWith = (status, message);
        var data = FineTuningData.From(Summarised(10, "Train"), 10, 0, CourseEdition.Course2025);

        var e = await Assert.ThrowsAsync<FineTuningRefusedException>(() => Tuner(rig).RunAsync(data, FineTuningSpec.For(CourseEdition.Course2025)));

        Assert.Contains("refused to fine-tune gpt-4.1-nano-2025-04-14", e.Message);
        Assert.Contains(message, e.Message);
        Assert.Contains("pricer convert-lora", e.Message);
        Assert.Empty(rig.Server.FilesAndJobs.Jobs);
    }

    [Fact]
    public async Task A_bad_request_that_is_not_a_refusal_stays_what_it_was()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.FilesAndJobs.RefuseJobsWith = (400, "Invalid file format: line 3 is not valid JSON.");
        var data = FineTuningData.From(Summarised(10, "Train"), 10, 0, CourseEdition.Course2025);

        var e = await Assert.ThrowsAsync<FrontierException>(() => Tuner(rig).RunAsync(data, FineTuningSpec.For(CourseEdition.Course2025)));

        Assert.IsNotType<FineTuningRefusedException>(e);
        Assert.Contains("line 3 is not valid JSON", e.Message);
    }
}
