using Spectre.Console.Cli;

namespace Pricer.Cli.Editions;

/// <summary>The 2025 edition's verbs: its published datasets, and the neural network's benchmark.</summary>
public sealed class EditionsCli : ICliFamily
{
    /// <inheritdoc/>
    public void AddCommands(IConfigurator config)
    {
        config.AddCommand<DownloadDatasetCommand>("download-dataset")
            .WithDescription("Download a 2025 course dataset (items_lite, items_full, items_prompts_lite, items_prompts_full) as Parquet and read it into items JSONL.");
        config.AddCommand<SummarizeCommand>("summarize")
            .WithDescription("The 2025 preprocessor: write each item's summary with a chat model and the course's prompt (cost shown first; resumable).");
    }

    /// <inheritdoc/>
    public void AddBenchCommands(IConfigurator<CommandSettings> bench) =>
        bench.AddCommand<BenchNnCommand>("nn")
            .WithDescription("The 2025 neural network's training time and peak heap at 20,000 resampled items: one thread, then all cores.");
}
