using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Evaluation;

public class PricerEvaluationTests
{
    private static readonly PricerRegistry Registry = WorkbookPricers.Create();

    [Fact]
    public async Task A_training_kind_trains_then_is_tested_and_the_record_says_on_what()
    {
        var train = new[] { TestItems.Make("a", 10), TestItems.Make("b", 50) };
        var test = TestItems.Priced(5);

        var run = await PricerEvaluation.RunAsync(Registry, new EvaluationRequest("constant", Name: "mine", Size: 3, TrainFile: "train.jsonl"), train, test);

        Assert.Equal("mine", run.Name);
        Assert.Equal(3, run.Metrics.Count);
        Assert.All(run.Items, i => Assert.Equal(30, i.Guess));          // the mean training price
        Assert.Equal(2, run.Settings.TrainCount);
        Assert.Equal(TrainingData.Of(train).Sha256, run.Settings.TrainSha256);
        Assert.EndsWith("train.jsonl", run.Settings.TrainFile);
        Assert.Null(run.Settings.TrainedModel);
        Assert.NotNull(run.Timing.TrainSeconds);
        Assert.NotNull(run.Bootstrap);
        Assert.Equal((20 + 10 + 0) / 3.0, run.Metrics.Error, 9);        // truths 10, 20, 30
    }

    [Fact]
    public async Task A_training_kind_without_training_items_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            PricerEvaluation.RunAsync(Registry, new EvaluationRequest("constant"), null, TestItems.Priced(3)));
        Assert.Contains("trains on items", e.Message);
    }

    [Fact]
    public async Task A_kind_that_does_not_train_ignores_training_items_and_records_none()
    {
        var run = await PricerEvaluation.RunAsync(Registry, new EvaluationRequest("random"), TestItems.Priced(2), TestItems.Priced(4));

        Assert.Null(run.Settings.TrainCount);
        Assert.Null(run.Settings.Options);
        Assert.Null(run.Timing.TrainSeconds);
        Assert.Equal("random", run.Name);
    }

    [Fact]
    public async Task A_saved_model_loads_back_and_guesses_the_same_and_the_run_names_it()
    {
        using var dir = new TempDir();
        var train = new[] { TestItems.Make("a", 12), TestItems.Make("b", 31) };
        var prepared = await PricerEvaluation.PrepareAsync(Registry, new EvaluationRequest("constant"), train);
        var manifest = new TrainedModelManifest("constant", prepared.Spec, 42, prepared.Options, prepared.Training!.Data, 0.1, DateTimeOffset.UtcNow, "test");
        var folder = await TrainedModel.SaveAsync(prepared.Pricer, dir.File("model"), manifest);

        var loaded = await Registry.LoadAsync(folder);
        Assert.Equal(21.5, (await loaded.Pricer.PriceAsync(TestItems.Make("x", 1))).Price);
        Assert.Equal(2, loaded.Manifest.TrainedOn.Items);

        var run = await PricerEvaluation.RunAsync(Registry, new EvaluationRequest(null) { TrainedModel = folder }, null, TestItems.Priced(3));
        Assert.Equal("constant", run.Pricer);
        Assert.Equal(folder, run.Settings.TrainedModel);
        Assert.Equal(2, run.Settings.TrainCount);
        Assert.Null(run.Timing.TrainSeconds); // loaded, not trained in this run
        Assert.All(run.Items, i => Assert.Equal(21.5, i.Guess));

        var wrongKind = await Assert.ThrowsAsync<TrainedModelException>(() =>
            PricerEvaluation.RunAsync(Registry, new EvaluationRequest("random") { TrainedModel = folder }, null, TestItems.Priced(3)));
        Assert.Contains("holds a 'constant' model, not 'random'", wrongKind.Message);
    }

    [Fact]
    public async Task A_model_saved_over_one_of_another_kind_leaves_none_of_its_files()
    {
        using var dir = new TempDir();
        var train = TestItems.Priced(40);
        async Task<string[]> Save(string spec, string folder)
        {
            var prepared = await PricerEvaluation.PrepareAsync(Registry, new EvaluationRequest(spec), train);
            await using (prepared.Pricer)
            {
                var manifest = new TrainedModelManifest(spec, spec, 42, prepared.Options, prepared.Training!.Data, 0, DateTimeOffset.UtcNow, "test");
                return Directory.GetFiles(await TrainedModel.SaveAsync(prepared.Pricer, dir.File(folder), manifest)).Select(Path.GetFileName).Order().ToArray()!;
            }
        }
        var alone = await Save("constant", "fresh");

        var bow = await Save("bow-lr", "model");
        var over = await Save("constant", "model");

        Assert.NotEmpty(bow.Except(alone));
        Assert.Equal(alone, over);
    }

    [Fact]
    public async Task Broken_model_folders_are_clear_errors()
    {
        using var dir = new TempDir();
        string Message(string folder) => Assert.ThrowsAsync<TrainedModelException>(() => Registry.LoadAsync(folder)).Result.Message;

        Assert.Contains("no such folder", Message(dir.File("missing")));
        Directory.CreateDirectory(dir.File("empty"));
        Assert.Contains("model.json is missing", Message(dir.File("empty")));

        Directory.CreateDirectory(dir.File("garbled"));
        File.WriteAllText(Path.Combine(dir.File("garbled"), ModelFolder.ManifestName), "{not json");
        Assert.Contains("not a readable model manifest", Message(dir.File("garbled")));

        var manifest = new TrainedModelManifest("constant", "constant", 42, new Dictionary<string, string>(), new TrainingData(1, null, "x"), 0, DateTimeOffset.UtcNow, "t");
        var prepared = await PricerEvaluation.PrepareAsync(Registry, new EvaluationRequest("constant"), [TestItems.Make("a", 5)]);
        var folder = await TrainedModel.SaveAsync(prepared.Pricer, dir.File("incomplete"), manifest);
        File.Delete(Path.Combine(folder, "constant.json"));
        Assert.Contains("constant.json is missing", Message(folder));

        var alien = await TrainedModel.SaveAsync(prepared.Pricer, dir.File("alien"), manifest with { Kind = "xgboost" });
        Assert.Contains("a kind this version does not know", Message(alien));
    }

    [Fact]
    public async Task A_kind_that_does_not_train_cannot_be_saved()
    {
        await using var random = await Registry.CreateAsync("random");
        using var dir = new TempDir();
        var manifest = new TrainedModelManifest("random", "random", 42, new Dictionary<string, string>(), new TrainingData(0, null, ""), 0, DateTimeOffset.UtcNow, "t");
        await Assert.ThrowsAsync<TrainedModelException>(() => TrainedModel.SaveAsync(random, dir.File("m"), manifest));
    }

    [Fact]
    public void Model_files_stay_inside_their_folder()
    {
        using var dir = new TempDir();
        var folder = new ModelFolder(dir.File("m"));
        Assert.Throws<ArgumentException>(() => folder.File("../escape.json"));
        Assert.Throws<ArgumentException>(() => folder.File(ModelFolder.ManifestName));
        Assert.Equal(Path.Combine(folder.Path, "weights.bin"), folder.File("weights.bin"));
    }
}
