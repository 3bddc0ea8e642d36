using System.Text.Json;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Frontier;

/// <summary><c>pricer fine-tune</c>, then the model it gives evaluated through <c>--openai-batch</c>, as processes against the test server.</summary>
public class FineTuningCliTests
{
    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task Fine_tune_resumes_its_job_and_the_model_evaluates_through_the_batch_api_with_the_key_kept_out_of_every_output()
    {
        await using var rig = await FrontierRig.StartAsync();
        ItemStore.Save(TestItems.Priced(15, "Train"), rig.Folder.File("train.jsonl"));
        ItemStore.Save(TestItems.Priced(6, "Test"), rig.Folder.File("test.jsonl"));
        var environment = new Dictionary<string, string?> { ["MY_PROVIDER_KEY"] = FrontierRig.Key, [WorkbookSettings.Variables.Cache] = rig.CacheFolder };
        string[] fineTune = ["fine-tune", "--train", rig.Folder.File("train.jsonl"), "--train-size", "10", "--validation-size", "5",
            "--base-url", rig.Server.BaseUrl.AbsoluteUri, "--api-key-env", "MY_PROVIDER_KEY", "--poll", "0.01", "--json", "--files-out", rig.Folder.File("jsonl")];

        var first = PricerProcess.Run(environment, fineTune);
        var second = PricerProcess.Run(environment, fineTune);
        Assert.True(first.ExitCode == 0, first.Stderr);
        using var json = JsonDocument.Parse(first.Stdout);
        string pricer = json.RootElement.GetProperty("pricer").GetString()!;
        var evaluate = PricerProcess.Run(environment, "evaluate", "--pricer", pricer, "--openai-batch", "--max-tokens", "7", "--base-url", rig.Server.BaseUrl.AbsoluteUri,
            "--api-key-env", "MY_PROVIDER_KEY", "--test", rig.Folder.File("test.jsonl"), "--json", "--out", rig.Folder.File("results"));

        Assert.StartsWith("frontier:ft:gpt-4o-mini-2024-07-18:test-server:pricer:", pricer);
        Assert.True(JsonDocument.Parse(second.Stdout).RootElement.GetProperty("resumed").GetBoolean(), second.Stderr);
        Assert.Single(rig.Server.FilesAndJobs.Jobs);
        Assert.Equal(10, File.ReadAllLines(rig.Folder.File("jsonl/fine_tune_train.jsonl")).Length);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Equal(6, JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("count").GetInt32());
        Assert.Contains("Batch API, half price", evaluate.Stderr);
        Assert.Equal(0, rig.Server.CountOf("chat/completions"));
        var batch = Assert.Single(rig.Server.Batches.All);
        Assert.Equal(pricer["frontier:".Length..], JsonDocument.Parse(rig.Server.FilesAndJobs.FileContent((string)batch["input_file_id"]!)!.Split('\n')[0])
            .RootElement.GetProperty("body").GetProperty("model").GetString());
        Assert.All(rig.Server.Requests, r => Assert.Equal($"Bearer {FrontierRig.Key}", r.Headers["authorization"]));
        Assert.DoesNotContain(FrontierRig.Key[^8..], first.Stdout + first.Stderr + second.Stdout + second.Stderr + evaluate.Stdout + evaluate.Stderr + rig.AllFiles());
    }
}
