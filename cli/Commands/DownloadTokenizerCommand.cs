using System.ComponentModel;
using PricerLib;
using PricerLib.Data.Download;
using PricerLib.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer download-tokenizer</c>: fetches Meta's Llama 3 <c>tokenizer.model</c> (public GitHub repository, no login)
/// with its licence into the cache folder, where every command then finds it. The licence notice and progress go to
/// stderr, the tokenizer's path to stdout.
/// </summary>
public sealed class DownloadTokenizerCommand : PricerCommand<DownloadTokenizerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--base-url <URL>")]
        [Description("Repository root holding models/llama3/ (default: " + LlamaTokenizerDownloader.DefaultBaseUrl + "). " +
                     "From another URL the SHA-256 is not checked.")]
        public string? BaseUrl { get; init; }

        [CommandOption("--cache <DIR>")]
        [Description("Cache root (default: PRICER_CACHE, else cache/ in the checkout); the files go to DIR/llama3/.")]
        public string? Cache { get; init; }

        [CommandOption("--allow-sha256-mismatch")]
        [Description("Keep a tokenizer whose SHA-256 differs from Meta's known file (a warning instead of an error).")]
        public bool AllowSha256Mismatch { get; init; }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (DownloadSupport.BaseUrlProblem(settings.BaseUrl) is { } problem) return CommandConsoles.Fail(problem);

        using var http = DownloadSupport.CreateHttpClient();
        var downloader = new LlamaTokenizerDownloader(new ResumableDownload(http), settings.Cache)
        {
            BaseUrl = settings.BaseUrl is null ? null : new Uri(settings.BaseUrl),
            AllowSha256Mismatch = settings.AllowSha256Mismatch,
        };
        var console = CommandConsoles.Error();
        var result = await DownloadSupport.WithBarAsync(console, LlamaTokenizerDownloader.ModelFileName,
            progress => downloader.DownloadAsync(new DownloadSupport.ConsoleLines(console), progress, cancellationToken), r => r.Bytes, r => r.AlreadyPresent);
        Console.Out.WriteLine(result.Path);
        return 0;
    }
}
