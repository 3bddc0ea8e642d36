using Spectre.Console.Cli;

namespace Pricer.Cli.Classical;

/// <summary>The classical family's verbs: <c>pricer bench baselines</c> and <c>pricer bench day3</c>.</summary>
public sealed class ClassicalCli : ICliFamily
{
    /// <inheritdoc/>
    public void AddCommands(IConfigurator config)
    {
        // The classical kinds need no verbs of their own: `evaluate` and `train` take them by name.
    }

    /// <inheritdoc/>
    public void AddBenchCommands(IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<BenchBaselinesCommand>("baselines")
            .WithDescription("Training and prediction time of the classical baselines at 10,000 / 100,000 / 400,000 resampled items.");
        bench.AddCommand<BenchDay3Command>("day3")
            .WithDescription("Day 3 as a user runs it: one `pricer evaluate` process per course baseline (gbm when named), on the first 3,000 and all items.");
    }
}
