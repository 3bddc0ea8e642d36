using System.ComponentModel;
using PricerLib;
using PricerLib.Data.Amazon;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer download CATEGORY…</c>: fetches each category's raw Amazon Reviews 2023 metadata into the cache folder,
/// resuming partial downloads; prints each complete file's path on stdout, progress on stderr.
/// </summary>
public sealed class DownloadCommand : PricerCommand<DownloadCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<CATEGORY>")]
        [Description("Amazon Reviews 2023 categories, e.g. Appliances Automotive.")]
        public string[] Categories { get; init; } = [];

        [CommandOption("--base-url <URL>")]
        [Description("Server folder holding raw/meta_categories/ (default: Hugging Face, or the McAuley lab with --gzip).")]
        public string? BaseUrl { get; init; }

        [CommandOption("--gzip")]
        [Description("Fetch the .jsonl.gz copies (the McAuley lab's server by default).")]
        public bool Gzip { get; init; }

        [CommandOption("--cache <DIR>")]
        [Description("Folder to download into (default: cache/amazon-2023 in the checkout).")]
        public string? Cache { get; init; }

        /// <summary>What is wrong with the arguments, or null. Checked in the command so the message goes to stderr.</summary>
        public string? Problem()
        {
            if (DownloadSupport.BaseUrlProblem(BaseUrl) is { } problem) return problem;
            foreach (var category in Categories)
            {
                try
                {
                    AmazonCategories.Validate(category);
                }
                catch (ArgumentException e)
                {
                    return CliErrors.WithoutParameterName(e);
                }
            }
            return null;
        }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var console = CommandConsoles.Error();
        if (settings.Problem() is { } problem)
        {
            return CommandConsoles.Fail(problem, ExitCodes.Usage);
        }
        using var http = DownloadSupport.CreateHttpClient();
        var downloader = new MetadataDownloader(http, settings.Cache)
        {
            Gzip = settings.Gzip,
            BaseUrl = settings.BaseUrl is null ? null : new Uri(settings.BaseUrl),
        };

        var done = new List<string>();
        int failures = 0;
        await console.Progress().AutoClear(false).StartAsync(async progressContext =>
        {
            foreach (var category in settings.Categories)
            {
                var task = progressContext.AddTask(category, maxValue: 1);
                task.IsIndeterminate = true;
                var progress = new InlineProgress<DownloadProgress>(p => DownloadSupport.Update(task, p.BytesDone, p.TotalBytes));
                try
                {
                    var result = await downloader.DownloadAsync(category, progress, cancellationToken);
                    DownloadSupport.Complete(task, result.Bytes);
                    task.Description = result.AlreadyPresent ? $"{category} (already complete)" : category;
                    done.Add(result.Path);
                }
                catch (MetadataDownloadException e)
                {
                    task.StopTask();
                    task.Description = $"{category} [red]failed[/]";
                    console.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
                    failures++;
                }
            }
        });

        foreach (var path in done) Console.Out.WriteLine(path);
        return failures == 0 ? 0 : 1;
    }
}
