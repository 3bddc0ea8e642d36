using System.Text;
using PricerLib;
using PricerLib.Data.Download;
using Spectre.Console;

namespace Pricer.Cli.Commands;

/// <summary>What the download commands share: the HTTP client, the base-URL check, the progress bars.</summary>
internal static class DownloadSupport
{
    /// <summary>A client for big files: no overall timeout, since the downloads have their own idle timeout.</summary>
    public static HttpClient CreateHttpClient()
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("pricer-workbook");
        return http;
    }

    /// <summary>What is wrong with a <c>--base-url</c> value, or null when it is absent or an http(s) URL.</summary>
    public static string? BaseUrlProblem(string? baseUrl) =>
        baseUrl is null || (Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            ? null
            : $"--base-url must be an http(s) URL, not '{baseUrl}'.";

    /// <summary>Shows the bytes so far; the bar stays indeterminate until the server has said the size.</summary>
    public static void Update(ProgressTask task, long bytesDone, long? totalBytes)
    {
        if (totalBytes is { } total)
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(1, total);
        }
        task.Value = bytesDone;
    }

    /// <summary>Shows a finished file as a full bar.</summary>
    public static void Complete(ProgressTask task, long bytes)
    {
        task.IsIndeterminate = false;
        task.MaxValue = Math.Max(1, bytes);
        task.Value = task.MaxValue;
    }

    /// <summary>
    /// Downloads one file under a progress bar on <paramref name="console"/>. An expected failure (a
    /// <see cref="PricerException"/> or a file-system error) marks the bar failed and is thrown again once
    /// the display has closed, so that its message prints below the bar, not through it.
    /// </summary>
    /// <param name="alreadyPresent">Whether the result was found in place (the bar then says so), or null to leave that to the caller.</param>
    public static async Task<T> WithBarAsync<T>(IAnsiConsole console, string file, Func<IProgress<TransferProgress>, Task<T>> download,
        Func<T, long> bytes, Func<T, bool>? alreadyPresent = null)
    {
        T? result = default;
        Exception? failure = null;
        await console.Progress().AutoClear(false).StartAsync(async context =>
        {
            var task = context.AddTask(file, maxValue: 1);
            task.IsIndeterminate = true;
            try
            {
                result = await download(new InlineProgress<TransferProgress>(p => Update(task, p.BytesDone, p.TotalBytes)));
                Complete(task, bytes(result));
                if (alreadyPresent?.Invoke(result) == true) task.Description += " (already present)";
            }
            catch (Exception e) when (e is PricerException or IOException or UnauthorizedAccessException)
            {
                task.StopTask();
                task.Description += " [red]failed[/]";
                failure = e;
            }
        });
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result!;
    }

    /// <summary>
    /// A <see cref="TextWriter"/> that prints whole lines through <paramref name="console"/>, so that text written
    /// while a progress display is live appears above it instead of tearing it.
    /// </summary>
    public sealed class ConsoleLines(IAnsiConsole console) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                console.WriteLine(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else _line.Append(value);
        }
    }
}
