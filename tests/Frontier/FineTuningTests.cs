using PricerLib.Frontier;
using PricerLib.Frontier.FineTuning;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Frontier;

/// <summary>The course's day 5: its JSONL byte for byte, and jobs run, followed and resumed on the real test server.</summary>
public class FineTuningTests
{
    private static FrontierFineTuner Tuner(FrontierRig rig, TextWriter? log = null) =>
        new(rig.Rest(), rig.Folder.File("fine-tuning"), TimeSpan.FromMilliseconds(5)) { Log = log };

    private static FineTuningData Data() => FineTuningData.From(TestItems.Priced(15), 10, 5);

    private static int Creates(FrontierRig rig) => rig.Server.Requests.Count(r => r.Method == "POST" && r.Path is "/v1/fine_tuning/jobs" or "/v1/files");

    [Fact]
    public void The_jsonl_is_the_courses_make_jsonl_byte_for_byte()
    {
        var items = new[] { TestItems.Make("Café kettle", 1234.5), TestItems.Make("Lamp \"Lux\"", 9.999) };

        string jsonl = FineTuningData.Jsonl(items);

        // What Python's json.dumps writes: ", " and ": " separators, non-ASCII as \u escapes, f"{price:.2f}", no final newline.
        Assert.Equal(
            """{"messages": [{"role": "system", "content": "You estimate prices of items. Reply only with the price, no explanation"}, {"role": "user", "content": "How much does this cost?\n\nCaf\u00e9 kettle"}, {"role": "assistant", "content": "Price is $1234.50"}]}""" + "\n" +
            """{"messages": [{"role": "system", "content": "You estimate prices of items. Reply only with the price, no explanation"}, {"role": "user", "content": "How much does this cost?\n\nLamp \"Lux\""}, {"role": "assistant", "content": "Price is $10.00"}]}""",
            jsonl);
    }

    [Fact]
    public void Training_and_validation_items_come_from_the_front_of_the_training_items_as_the_course_takes_them()
    {
        var items = TestItems.Priced(30);

        var data = FineTuningData.From(items, 12, 5);

        Assert.Equal(FineTuningData.Jsonl(items.Take(12)), data.Train);
        Assert.Equal(FineTuningData.Jsonl(items.Skip(12).Take(5)), data.Validation);
        Assert.Contains("needs 31 items; the file has 30", Assert.Throws<FrontierException>(() => FineTuningData.From(items, 30, 1)).Message);
        Assert.Contains("at least 10", Assert.Throws<FrontierException>(() => FineTuningData.From(items, 5, 0)).Message);
    }

    [Fact]
    public async Task A_job_is_created_with_the_courses_parameters_and_followed_to_its_model()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.FilesAndJobs.JobPollsBeforeDone = 2;
        var log = new StringWriter();
        var data = Data();

        var result = await Tuner(rig, log).RunAsync(data, new FineTuningSpec());

        var files = rig.Server.FilesAndJobs.Files;
        Assert.Equal(["fine-tune", "fine-tune"], files.Select(f => f.Purpose));
        Assert.Equal(data.Train, rig.Server.FilesAndJobs.FileContent(files[0].Id));
        Assert.Equal(data.Validation, rig.Server.FilesAndJobs.FileContent(files[1].Id));
        var body = rig.Server.Requests.Single(r => r.Method == "POST" && r.Path == "/v1/fine_tuning/jobs").Json!.AsObject();
        Assert.Equal("gpt-4o-mini-2024-07-18", (string?)body["model"]);
        Assert.Equal(42, (int)body["seed"]!);
        Assert.Equal("pricer", (string?)body["suffix"]);
        Assert.Equal(1, (int)body["hyperparameters"]!["n_epochs"]!);
        Assert.Equal(files[0].Id, (string?)body["training_file"]);
        Assert.Equal(files[1].Id, (string?)body["validation_file"]);
        Assert.Equal(new FineTuningSpec().Fingerprint(data), (string?)body["metadata"]![FrontierFineTuner.MetadataKey]);
        Assert.Equal($"ft:gpt-4o-mini-2024-07-18:test-server:pricer:{result.JobId}", result.FineTunedModel);
        Assert.Equal("frontier:" + result.FineTunedModel, result.PricerSpec);
        Assert.False(result.Resumed);
        Assert.Contains(result.Events, e => e.StartsWith("Step 2/2", StringComparison.Ordinal));
        Assert.Equal("The job has successfully completed", result.Events[^1]);
        Assert.Contains($"[{result.JobId}] Step 1/2", log.ToString());
        Assert.All(rig.Server.Requests, r => Assert.Equal($"Bearer {FrontierRig.Key}", r.Headers["authorization"]));
        Assert.DoesNotContain(FrontierRig.Key[^8..], log + rig.AllFiles());
    }

    [Fact]
    public async Task A_stopped_run_resumes_its_job_and_a_lost_record_is_found_by_the_jobs_metadata()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.FilesAndJobs.JobPollsBeforeDone = int.MaxValue;
        using var stop = new CancellationTokenSource();
        var running = Tuner(rig).RunAsync(Data(), new FineTuningSpec(), stop.Token);
        while (rig.Server.CountOf("/events") < 2) await Task.Delay(5);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        rig.Server.FilesAndJobs.JobPollsBeforeDone = 0;
        int creates = Creates(rig);

        var resumed = await Tuner(rig).RunAsync(Data(), new FineTuningSpec());
        Directory.Delete(rig.Folder.File("fine-tuning"), recursive: true);
        var found = await Tuner(rig).RunAsync(Data(), new FineTuningSpec());

        Assert.Equal(3, creates); // two uploads and one job, all in the first run
        Assert.Equal(creates, Creates(rig));
        Assert.True(resumed.Resumed);
        Assert.Equal(resumed.JobId, found.JobId);
        Assert.Single(rig.Server.FilesAndJobs.Jobs);
    }

    [Fact]
    public async Task Other_parameters_are_another_job()
    {
        await using var rig = await FrontierRig.StartAsync();

        var first = await Tuner(rig).RunAsync(Data(), new FineTuningSpec());
        var second = await Tuner(rig).RunAsync(Data(), new FineTuningSpec(Epochs: 2));

        Assert.NotEqual(first.JobId, second.JobId);
        Assert.Equal(2, rig.Server.FilesAndJobs.Jobs.Count);
    }

    [Fact]
    public async Task A_failed_job_is_a_clear_error_and_the_next_run_starts_a_new_job()
    {
        await using var rig = await FrontierRig.StartAsync();
        rig.Server.FilesAndJobs.FailJobsWith = "Training file has too few examples";

        var e = await Assert.ThrowsAsync<FineTuningFailedException>(() => Tuner(rig).RunAsync(Data(), new FineTuningSpec()));
        rig.Server.FilesAndJobs.FailJobsWith = null;
        var retried = await Tuner(rig).RunAsync(Data(), new FineTuningSpec());

        Assert.Contains("failed: Training file has too few examples", e.Message);
        Assert.Contains("Run again to start a new job", e.Message);
        Assert.False(retried.Resumed);
        Assert.Equal(2, rig.Server.FilesAndJobs.Jobs.Count);
    }

    [Fact]
    public async Task Bad_parameters_are_refused_before_anything_is_uploaded()
    {
        await using var rig = await FrontierRig.StartAsync();

        var e = await Assert.ThrowsAsync<FrontierException>(() => Tuner(rig).RunAsync(Data(), new FineTuningSpec(Suffix: "no spaces allowed")));

        Assert.Contains("--suffix", e.Message);
        Assert.Empty(rig.Server.Requests);
    }
}

