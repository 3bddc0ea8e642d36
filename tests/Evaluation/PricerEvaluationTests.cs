using PricerLib.Evaluation;
using PricerLib.Pricers;

namespace PricerLib.Tests.Evaluation;

public class PricerEvaluationTests
{
    [Fact]
    public async Task A_trainable_pricer_trains_then_is_tested_and_the_record_says_on_what()
    {
        var train = new[] { TestItems.Make("a", 10), TestItems.Make("b", 50) };
        var test = TestItems.Priced(5);

        var run = await PricerEvaluation.RunAsync(new ConstantPricer(), new EvaluationRequest("constant", Name: "mine", Size: 3), train, test);

        Assert.Equal("mine", run.Name);
        Assert.Equal(3, run.Metrics.Count);
        Assert.All(run.Items, i => Assert.Equal(30, i.Guess));          // the mean training price
        Assert.Equal(2, run.Settings.TrainCount);
        Assert.NotNull(run.Timing.TrainSeconds);
        Assert.NotNull(run.Bootstrap);
        Assert.Equal((20 + 10 + 0) / 3.0, run.Metrics.Error, 9);        // truths 10, 20, 30
    }

    [Fact]
    public async Task A_trainable_pricer_without_training_items_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            PricerEvaluation.RunAsync(new ConstantPricer(), new EvaluationRequest("constant"), null, TestItems.Priced(3)));
        Assert.Contains("trains on items", e.Message);
    }

    [Fact]
    public async Task A_pricer_that_does_not_train_ignores_training_items_and_records_none()
    {
        var run = await PricerEvaluation.RunAsync(new RandomPricer(), new EvaluationRequest("random"), TestItems.Priced(2), TestItems.Priced(4));

        Assert.Null(run.Settings.TrainCount);
        Assert.Null(run.Timing.TrainSeconds);
        Assert.Equal("random", run.Name);
    }
}
