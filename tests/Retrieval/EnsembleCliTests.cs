using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Tests.Evaluation;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Retrieval;

/// <summary><c>pricer train --pricer ensemble --members … --fit FILE --model-out DIR</c>, then <c>evaluate --trained DIR</c>, as processes.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class EnsembleCliTests
{
    [Fact]
    public void Trains_on_the_fit_items_and_evaluates_the_saved_ensemble()
    {
        using var dir = new TempDir();
        ItemStore.Save(TestItems.Priced(8, "Train"), dir.File("train.jsonl"));
        ItemStore.Save(TestItems.Priced(12, "Fit"), dir.File("fit.jsonl"));
        ItemStore.Save(TestItems.Priced(5, "Test"), dir.File("test.jsonl"));
        var environment = new Dictionary<string, string?> { [WorkbookSettings.Variables.Cache] = dir.File("cache") };
        Assert.Equal(0, PricerProcess.Run(environment, "train", "--pricer", "constant", "--train", dir.File("train.jsonl"), "--model-out", dir.File("constant")).ExitCode);

        var trained = PricerProcess.Run(environment, "train", "--pricer", "ensemble", "--members", $"random,{dir.File("constant")}",
            "--fit", dir.File("fit.jsonl"), "--model-out", dir.File("ensemble"));
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        Assert.Contains("Trained 'ensemble' (2024 edition) on 12 items", trained.Stderr);
        var evaluated = PricerProcess.Run(environment, "evaluate", "--trained", dir.File("ensemble"), "--test", dir.File("test.jsonl"), "--out", dir.File("results"));
        Assert.True(evaluated.ExitCode == 0, evaluated.Stderr);

        // The default run name carries the members (issue 16: options that change the guesses name the run).
        var run = Assert.Single(new ResultsStore(dir.File("results")).LoadAll().Runs);
        Assert.StartsWith("ensemble", run.Name);
        Assert.Equal("ensemble", run.Model.Kind);
        Assert.Equal(5, run.Items.Count(i => i.Guess is not null));
        Assert.Contains("min=", run.Model.Parameters["coefficients"]);
        var both = PricerProcess.Run(environment, "train", "--pricer", "ensemble", "--members", "random", "--fit", dir.File("fit.jsonl"),
            "--train", dir.File("train.jsonl"), "--model-out", dir.File("other"));
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("not both", both.Stdout + both.Stderr);
    }
}
