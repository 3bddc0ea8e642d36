using System.Net;
using System.Net.Http.Headers;

namespace PricerLib.Data.Download;

/// <summary>
/// Fetches one URL into a file, resumably. Bytes go to a <c>.part</c> file beside the target that later attempts
/// (and later runs) resume with an HTTP Range request, starting over where the server ignores the range; the file
/// takes its final name only once its size matches what the server announced, so a present file is a complete one.
/// </summary>
/// <remarks>
/// Hand-written: HttpClient has no resume, and no download library is served here; a retry library (Polly) would
/// not save much, because each request depends on what the partial file already holds.
/// </remarks>
/// <param name="http">The client to fetch with (its timeout should allow for large files; reads have their own idle timeout).</param>
public sealed class ResumableDownload(HttpClient http)
{
    /// <summary>Tries per download; each one resumes what the previous fetched.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Pause before a retry, multiplied by the attempt number.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A read that brings nothing for this long counts as a broken connection.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the bytes of <paramref name="targetPath"/> collect until it is complete.</summary>
    public static string PartialPathFor(string targetPath) => targetPath + ".part";

    /// <summary>Downloads <paramref name="url"/> to <paramref name="targetPath"/> unless that file is already there.</summary>
    /// <exception cref="DownloadException">Not found, refused, or still incomplete after every attempt.</exception>
    public Task<DownloadResult> DownloadAsync(Uri url, string targetPath, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        DownloadCoreAsync(url, targetPath, verify: null, progress, cancellationToken);

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="targetPath"/> unless that file is already there, and lets
    /// <paramref name="verify"/> inspect the complete bytes before they take the final name.
    /// </summary>
    /// <param name="url">What to fetch.</param>
    /// <param name="targetPath">Where the complete file goes; its folder is created.</param>
    /// <param name="verify">
    /// Called with the path of the complete partial file; throwing rejects it: the partial file is deleted (so the next
    /// run starts over) and the exception propagates unchanged. Not called for a file that was already present.
    /// </param>
    /// <param name="progress">Receives the byte count as the body arrives.</param>
    /// <param name="cancellationToken">Stops the download; the partial file stays for the next run.</param>
    /// <exception cref="DownloadException">Not found, refused, or still incomplete after every attempt.</exception>
    public Task<DownloadResult> DownloadAsync(Uri url, string targetPath, Action<string> verify,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadCoreAsync(url, targetPath, verify, progress, cancellationToken);

    private async Task<DownloadResult> DownloadCoreAsync(Uri url, string targetPath, Action<string>? verify,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(targetPath);
        if (File.Exists(target)) return new DownloadResult(target, new FileInfo(target).Length, AlreadyPresent: true);

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var part = PartialPathFor(target);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await FetchAsync(url, part, progress, cancellationToken);
                break;
            }
            catch (RetryableException e)
            {
                if (attempt >= MaxAttempts)
                    throw new DownloadException(
                        $"{url}: still incomplete after {attempt} attempts ({e.Message}); {PartState(part)}", inner: e.InnerException);
                await Task.Delay(RetryDelay * attempt, cancellationToken);
            }
        }

        if (verify is not null)
        {
            try
            {
                verify(part);
            }
            catch
            {
                File.Delete(part);
                throw;
            }
        }
        File.Move(part, target);
        return new DownloadResult(target, new FileInfo(target).Length, AlreadyPresent: false);
    }

    /// <summary>One request: fetches the missing bytes into <paramref name="part"/> and checks the size.</summary>
    private async Task FetchAsync(Uri url, string part, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (Unreachable.IsPermanent(e))
        {
            throw new DownloadException(Unreachable.Message(url.AbsoluteUri, e), inner: e); // no network or a wrong host: at once, not after every attempt
        }
        catch (HttpRequestException e)
        {
            throw new RetryableException($"request failed: {e.Message}", e);
        }

        using (response)
        {
            var (append, total) = Plan(response, url, part, have);
            if (total == have && append) return; // the partial file was already whole (416 with the same total)

            long done = append ? have : 0;
            await using (var output = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    var buffer = new byte[1 << 16];
                    while (true)
                    {
                        int read = await ReadWithIdleTimeoutAsync(body, buffer, cancellationToken);
                        if (read == 0) break;
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        done += read;
                        progress?.Report(new TransferProgress(done, total));
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException)
                {
                    throw new RetryableException($"connection broke after {done:N0} bytes: {e.Message}", e);
                }
            }

            long size = new FileInfo(part).Length;
            if (total is null || size == total) return;
            if (size < total) throw new RetryableException($"the body ended at {size:N0} of {total:N0} bytes");
            File.Delete(part); // more than announced: the bytes cannot be trusted, start over
            throw new RetryableException($"got {size:N0} bytes where the server announced {total:N0}; deleted the partial file");
        }
    }

    /// <summary>Reads the response's status: append to the partial file or start over, and the full size if known.</summary>
    private static (bool Append, long? Total) Plan(HttpResponseMessage response, Uri url, string part, long have)
    {
        var range = response.Content.Headers.ContentRange;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when range?.From == have && have > 0:
                return (true, range.Length);
            case HttpStatusCode.PartialContent when range?.From == 0:
                return (false, range.Length);
            case HttpStatusCode.PartialContent:
                File.Delete(part);
                throw new RetryableException($"the server sent an unexpected range ({range}); starting over");
            case HttpStatusCode.OK:
                return (false, response.Content.Headers.ContentLength); // no Range asked, or the server ignored it
            case HttpStatusCode.RequestedRangeNotSatisfiable when range?.Length == have:
                return (true, have);
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                File.Delete(part); // the partial file does not fit the remote file (changed, or longer): start over
                throw new RetryableException($"the partial file ({have:N0} bytes) does not fit the remote one ({range}); starting over");
            case HttpStatusCode.NotFound:
                throw new DownloadException($"{url}: not found (HTTP 404).", HttpStatusCode.NotFound);
            case var status when (int)status >= 500 || status == HttpStatusCode.TooManyRequests:
                throw new RetryableException($"HTTP {(int)status} {response.ReasonPhrase}");
            case var status:
                throw new DownloadException($"{url}: the server refused (HTTP {(int)status} {response.ReasonPhrase}).", status);
        }
    }

    private async Task<int> ReadWithIdleTimeoutAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(IdleTimeout);
        try
        {
            return await body.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no data for {IdleTimeout.TotalSeconds:0} s");
        }
    }

    private static string PartState(string part) => File.Exists(part)
        ? $"{new FileInfo(part).Length:N0} bytes kept in {part}; run again to resume"
        : "nothing kept";

    /// <summary>A failure the next attempt may get past, resuming from the partial file.</summary>
    private sealed class RetryableException(string message, Exception? inner = null) : Exception(message, inner);
}
