using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib.Data.Download;
using PricerLib.Retrieval;
using Spectre.Console.Cli;

namespace Pricer.Cli.Retrieval;

/// <summary>
/// <c>pricer download-embedder</c>: all-MiniLM-L6-v2's ONNX export and vocabulary from the Hugging Face Hub at a pinned
/// revision into the cache (resumable, verified). Progress goes to stderr, the folder to stdout: set
/// <c>PRICER_EMBEDDER</c> to it to embed with these files instead of the package's copy.
/// </summary>
public sealed class DownloadEmbedderCommand : PricerCommand<DownloadEmbedderCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--base-url <URL>")]
        [Description("The Hub's root URL (default: " + EmbedderDownloader.DefaultBaseUrl + ").")]
        public string? BaseUrl { get; init; }

        [CommandOption("--cache <DIR>")]
        [Description("Cache root (default: PRICER_CACHE, else cache/ in the checkout); the files go to DIR/all-MiniLM-L6-v2/.")]
        public string? Cache { get; init; }

        [CommandOption("--sha256 <HEX>")]
        [Description("The ONNX file's expected SHA-256 (default: the Hub's file at the pinned revision).")]
        public string? Sha256 { get; init; }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (DownloadSupport.BaseUrlProblem(settings.BaseUrl) is { } problem) return CommandConsoles.Fail(problem);
        using var http = DownloadSupport.CreateHttpClient();
        var downloader = new EmbedderDownloader(new ResumableDownload(http), settings.Cache)
        {
            BaseUrl = settings.BaseUrl is null ? null : new Uri(settings.BaseUrl),
            ExpectedSha256 = settings.Sha256 ?? EmbedderDownloader.HubOnnxSha256,
        };
        var folder = await DownloadSupport.WithBarAsync(CommandConsoles.Error(), EmbedderModel.OnnxFileName,
            progress => downloader.DownloadAsync(progress, cancellationToken), f => new FileInfo(Path.Combine(f, EmbedderModel.OnnxFileName)).Length);
        Console.Out.WriteLine(folder);
        return ExitCodes.Success;
    }
}
