using Spectre.Console.Cli;

namespace Pricer.Cli.Editions;

/// <summary>The 2025 edition's verbs: its published datasets.</summary>
public sealed class EditionsCli : ICliFamily
{
    /// <inheritdoc/>
    public void AddCommands(IConfigurator config) =>
        config.AddCommand<DownloadDatasetCommand>("download-dataset")
            .WithDescription("Download a 2025 course dataset (items_lite, items_full, items_prompts_lite, items_prompts_full) as Parquet and read it into items JSONL.");

    /// <inheritdoc/>
    public void AddBenchCommands(IConfigurator<CommandSettings> bench)
    {
    }
}
