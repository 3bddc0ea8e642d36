using Spectre.Console.Cli;

namespace Pricer.Cli.Frontier;

/// <summary>The frontier family's verbs: <c>human-input</c>, <c>fine-tune</c> and <c>bench frontier</c>.</summary>
public sealed class FrontierCli : ICliFamily
{
    /// <inheritdoc/>
    public void AddCommands(IConfigurator config)
    {
        config.AddCommand<HumanInputCommand>("human-input")
            .WithDescription("Write the course's human_input.csv (first 250 test prompts, each with a 0) for a person to fill in.");
        config.AddCommand<FineTuneCommand>("fine-tune").WithDescription("Fine-tune a frontier model on the course's chat JSONL (week 6 day 5); a re-run resumes the job.");
    }

    /// <inheritdoc/>
    public void AddBenchCommands(IConfigurator<CommandSettings> bench)
    {
        bench.AddCommand<BenchFrontierCommand>("frontier")
            .WithDescription("Frontier pricer throughput against an OpenAI-compatible server: workers 1, 8, 16 and a warm cache.");
    }
}
