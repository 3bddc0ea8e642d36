using System.Net;
using PricerLib.Data.Download;

namespace PricerLib.Data.Amazon;

/// <summary>How far a download has got.</summary>
/// <param name="Category">The category being fetched.</param>
/// <param name="BytesDone">Bytes in the partial file so far (resumed bytes included).</param>
/// <param name="TotalBytes">The file's full size, when the server said it.</param>
public readonly record struct DownloadProgress(string Category, long BytesDone, long? TotalBytes);

/// <summary>A download that could not be completed; the message says why and whether running again resumes it.</summary>
public sealed class MetadataDownloadException(string message, Exception? inner = null) : PricerException(message, mayRetry: true, inner: inner);

/// <summary>
/// Fetches a category's raw Amazon Reviews 2023 metadata file into the cache folder: maps the category to its URL and
/// file name, and leaves the fetching (resume, size check, retries) to <see cref="ResumableDownload"/>.
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
    public string CacheFolder { get; } = cacheFolder ?? Path.Combine(WorkbookSettings.Current.Cache, "amazon-2023");

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
        var download = new ResumableDownload(http) { MaxAttempts = MaxAttempts, RetryDelay = RetryDelay, IdleTimeout = IdleTimeout };
        var bytes = progress is null
            ? null
            : new InlineProgress<TransferProgress>(p => progress.Report(new DownloadProgress(category, p.BytesDone, p.TotalBytes)));
        var path = PathFor(category);
        // A file already in the cache gets the quick checks; one that just arrived is decompressed whole.
        if (File.Exists(path) && Problem(path, whole: false) is { } cached)
            throw new MetadataDownloadException($"{path} is in the cache but is not {category}'s metadata: {cached}. Delete it and run again to fetch it anew.");
        var url = UrlFor(category);
        try
        {
            return await download.DownloadAsync(url, path, part =>
            {
                if (Problem(part, whole: true) is { } problem)
                    throw new DownloadException($"{url} did not give {category}'s metadata, so it was deleted: {problem}. Check the base URL{(Gzip ? " and --gzip" : "")}.");
            }, bytes, cancellationToken);
        }
        catch (DownloadException e)
        {
            var hint = e.Status == HttpStatusCode.NotFound ? " Is the category published at this base URL?" : "";
            throw new MetadataDownloadException(e.Message + hint, e);
        }
    }

    private string? Problem(string path, bool whole) => DownloadedFile.Problem(path, Gzip, whole, line =>
        MetadataRow.Parse(line) switch
        {
            { Product.Title: not null } => null,
            { Problem: { } problem } => $"{problem} (not a metadata row)",
            _ => "a JSON object without a title (not a metadata row)",
        });

    private string FileName(string category) => $"meta_{category}.jsonl{(Gzip ? ".gz" : "")}";
}
