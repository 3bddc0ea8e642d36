using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Data;
using PricerLib.Data.Download;
using PricerLib.Local.Lora;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary>
/// <c>pricer download-adapter [--lite]</c>: fetches the course's LoRA checkpoint of the workbook's edition at its pinned
/// revision (2024: Llama 3.1 8B, r 32; 2025: Llama 3.2 3B, r 256 on attention and MLP, or with <c>--lite</c> r 32 on
/// attention), with its licence notice, into a folder <c>convert-lora --adapter</c> reads; resumable. Notice, progress and a summary go to stderr,
/// the folder to stdout.
/// </summary>
public sealed class DownloadAdapterCommand : PricerCommand<DownloadAdapterCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("Folder for the adapter's files (default: adapters/NAME-REVISION/ under PRICER_CACHE, else cache/).")]
        public string? Out { get; init; }

        [CommandOption("--base-url <URL>")]
        [Description("A server laid out as the Hugging Face Hub, {base}/{repo}/resolve/{revision}/{file} (default: " +
                     AdapterDownloader.DefaultBaseUrl + ").")]
        public string? BaseUrl { get; init; }

        [CommandOption("--lite")]
        [Description("The 2025 course's lite adapter (r 32, attention only) instead of its full one (r 256, attention and MLP).")]
        public bool Lite { get; init; }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (DownloadSupport.BaseUrlProblem(settings.BaseUrl) is { } problem) return CommandConsoles.Fail(problem, ExitCodes.Usage);
        if (settings.Out is not null) OutputPaths.CheckFolder(settings.Out);

        var adapter = HubAdapter.For(WorkbookSettings.Current.Edition, settings.Lite);
        using var http = DownloadSupport.CreateHttpClient();
        var downloader = new AdapterDownloader(new ResumableDownload(http), settings.Out, adapter)
        {
            BaseUrl = settings.BaseUrl is null ? null : new Uri(settings.BaseUrl),
        };
        if (settings.Out is null) OutputPaths.CheckFolder(downloader.Folder);

        var console = CommandConsoles.Error();
        // A failure is printed by PricerCommand, after the progress display has closed.
        var result = await DownloadSupport.WithBarAsync(console, LoraConverter.WeightsFileName,
            progress => downloader.DownloadAsync(new DownloadSupport.ConsoleLines(console), progress, cancellationToken), r => r.WeightBytes);
        var config = result.Config;
        console.WriteLine($"{downloader.Adapter.Repository}{(result.AlreadyPresent ? " (already present, checked)" : "")}: r {config.Rank}, alpha {config.Alpha}, " +
                          $"modules {string.Join(", ", config.TargetModules)}, {downloader.Adapter.Shape.TensorCount} tensors, " +
                          $"{result.WeightBytes:N0} bytes. Next: pricer convert-lora --adapter {result.Folder} --base BASE.gguf --out ADAPTER.gguf");
        Console.Out.WriteLine(result.Folder);
        return 0;
    }
}
