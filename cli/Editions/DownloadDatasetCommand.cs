using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Data.Download;
using PricerLib.Editions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Editions;

/// <summary>
/// <c>pricer download-dataset items_lite|items_full|items_prompts_lite|items_prompts_full [--out DIR]</c>: the 2025
/// course's published datasets, fetched resumably as Parquet, checked, and read into items JSONL with their summaries
/// (one file per split, whose paths go to stdout; progress and skipped rows to stderr).
/// </summary>
public sealed class DownloadDatasetCommand : PricerCommand<DownloadDatasetCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DATASET>")]
        [Description("items_lite, items_full, items_prompts_lite or items_prompts_full (the 2025 course's).")]
        public string Dataset { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Folder the datasets go under (default: datasets/ in the cache folder).")]
        public string? Out { get; init; }

        [CommandOption("--revision <REV>")]
        [Description("The dataset repository's revision, a commit id to pin (default: main).")]
        public string? Revision { get; init; }

        [CommandOption("--base-url <URL>")]
        [Description("The Hub's root URL (default: the Hugging Face Hub; a local mirror or test server otherwise).")]
        public string? BaseUrl { get; init; }

        public override ValidationResult Validate() =>
            DownloadSupport.BaseUrlProblem(BaseUrl) is { } problem ? ValidationResult.Error(problem)
            : HubDatasets.All.Any(d => string.Equals(d.Name, Dataset.Trim(), StringComparison.OrdinalIgnoreCase)) ? ValidationResult.Success()
            : ValidationResult.Error($"'{Dataset}' is not one of the course's datasets: {string.Join(", ", HubDatasets.All.Select(d => d.Name))}.");
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dataset = HubDatasets.Find(settings.Dataset, settings.Revision);
        using var http = DownloadSupport.CreateHttpClient();
        var downloader = new HubDatasetDownloader(http, settings.Out)
        {
            BaseUrl = settings.BaseUrl is null ? HubDatasets.HubUrl : new Uri(settings.BaseUrl.TrimEnd('/') + "/"),
        };
        var console = CommandConsoles.Error();
        console.WriteLine($"{dataset.Repository} at revision {dataset.Revision} ({dataset.Rows} rows) into {downloader.Folder}");

        var results = await DownloadSupport.WithBarAsync(console, dataset.Name,
            progress => downloader.DownloadAsync(dataset, new InlineProgress<(string Split, TransferProgress Bytes)>(p => progress.Report(p.Bytes)), cancellationToken),
            done => done.Sum(r => new FileInfo(r.ParquetPath).Length));
        foreach (var split in results)
        {
            console.WriteLine($"{split.Split}: {split.Items:N0} items{(split.AlreadyPresent ? " (Parquet already present)" : "")}");
            if (split.Skipped.Length > 0) CommandConsoles.Warn($"{split.Split}: {split.Skipped}");
            Console.Out.WriteLine(split.ItemsPath);
        }
        return 0;
    }

}
