using System.Net;
using System.Net.Http.Headers;

namespace PricerLib.Data.Amazon;

/// <summary>How far a download has got.</summary>
/// <param name="Category">The category being fetched.</param>
/// <param name="BytesDone">Bytes in the partial file so far (resumed bytes included).</param>
/// <param name="TotalBytes">The file's full size, when the server said it.</param>
public readonly record struct DownloadProgress(string Category, long BytesDone, long? TotalBytes);

/// <summary>A finished download.</summary>
/// <param name="Path">Where the complete file lies.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="AlreadyPresent">True when the file was complete before and nothing was fetched.</param>
public sealed record DownloadResult(string Path, long Bytes, bool AlreadyPresent);

/// <summary>A download that could not be completed; the message says why and whether running again resumes it.</summary>
public sealed class MetadataDownloadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches a category's raw Amazon Reviews 2023 metadata file into the cache folder. Bytes go to a <c>.part</c> file
/// that later runs resume with an HTTP Range request (starting over where the server ignores the range); the file is
/// moved into place only once its size matches what the server announced, so a present file is a complete one.
/// </summary>
/// <param name="http">The client to fetch with (its timeout should allow for large files; reads have their own idle timeout).</param>
/// <param name="cacheFolder">Where files go; null for <c>cache/amazon-2023</c> in the checkout.</param>
public sealed class MetadataDownloader(HttpClient http, string? cacheFolder = null)
{
    /// <summary>The Hugging Face dataset (uncompressed <c>.jsonl</c> files).</summary>
    public const string HuggingFaceBaseUrl = "https://huggingface.co/datasets/McAuley-Lab/Amazon-Reviews-2023/resolve/main/";

    /// <summary>The McAuley lab's own server (gzip copies, <c>.jsonl.gz</c>).</summary>
    public const string McAuleyLabBaseUrl = "https://mcauleylab.ucsd.edu/public_datasets/data/amazon_2023/";

    /// <summary>The folder downloads go to.</summary>
    public string CacheFolder { get; } = cacheFolder ?? Path.Combine(ProjectPaths.Cache, "amazon-2023");

    /// <summary>Fetch the gzip copy (<c>.jsonl.gz</c>); the default base URL becomes the McAuley lab's.</summary>
    public bool Gzip { get; init; }

    /// <summary>The server folder that holds <c>raw/meta_categories/</c>; null for the default of <see cref="Gzip"/>.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Tries per download; each one resumes what the previous fetched.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Pause before a retry, multiplied by the attempt number.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A read that brings nothing for this long counts as a broken connection.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The URL of <paramref name="category"/>'s file.</summary>
    public Uri UrlFor(string category)
    {
        var baseUrl = BaseUrl ?? new Uri(Gzip ? McAuleyLabBaseUrl : HuggingFaceBaseUrl);
        if (!baseUrl.AbsoluteUri.EndsWith('/')) baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(baseUrl, $"raw/meta_categories/{FileName(AmazonCategories.Validate(category))}");
    }

    /// <summary>Where <paramref name="category"/>'s complete file lies once downloaded.</summary>
    public string PathFor(string category) => Path.Combine(CacheFolder, FileName(AmazonCategories.Validate(category)));

    /// <summary>
    /// Downloads <paramref name="category"/> unless its complete file is already there.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown category.</exception>
    /// <exception cref="MetadataDownloadException">Not found, refused, or still incomplete after every attempt.</exception>
    public async Task<DownloadResult> DownloadAsync(string category, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        category = AmazonCategories.Validate(category);
        var target = PathFor(category);
        if (File.Exists(target)) return new DownloadResult(target, new FileInfo(target).Length, AlreadyPresent: true);

        Directory.CreateDirectory(CacheFolder);
        var part = target + ".part";
        var url = UrlFor(category);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await FetchAsync(category, url, part, progress, cancellationToken);
                File.Move(part, target);
                return new DownloadResult(target, new FileInfo(target).Length, AlreadyPresent: false);
            }
            catch (RetryableException e)
            {
                if (attempt >= MaxAttempts)
                    throw new MetadataDownloadException(
                        $"{url}: still incomplete after {attempt} attempts ({e.Message}); {PartState(part)}", e.InnerException);
                await Task.Delay(RetryDelay * attempt, cancellationToken);
            }
        }
    }

    /// <summary>One request: fetches the missing bytes into <paramref name="part"/> and checks the size.</summary>
    private async Task FetchAsync(string category, Uri url, string part, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
                        progress?.Report(new DownloadProgress(category, done, total));
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
                throw new MetadataDownloadException($"{url}: not found (HTTP 404). Is the category published at this base URL?");
            case var status when (int)status >= 500 || status == HttpStatusCode.TooManyRequests:
                throw new RetryableException($"HTTP {(int)status} {response.ReasonPhrase}");
            case var status:
                throw new MetadataDownloadException($"{url}: the server refused (HTTP {(int)status} {response.ReasonPhrase}).");
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

    private string FileName(string category) => $"meta_{category}.jsonl{(Gzip ? ".gz" : "")}";

    /// <summary>A failure the next attempt may get past, resuming from the partial file.</summary>
    private sealed class RetryableException(string message, Exception? inner = null) : Exception(message, inner);
}
