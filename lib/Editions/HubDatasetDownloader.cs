using PricerLib.Data;
using PricerLib.Data.Download;

namespace PricerLib.Editions;

/// <summary>One split fetched and read: where its Parquet file and its items file lie, and what was read.</summary>
/// <param name="Split">The split's name.</param>
/// <param name="ParquetPath">The downloaded Parquet file.</param>
/// <param name="ItemsPath">The items JSONL written from it (the 2025 schema).</param>
/// <param name="Items">Items read.</param>
/// <param name="Skipped">Rows left out, by problem (e.g. "MissingPrice 3"); empty when none.</param>
/// <param name="AlreadyPresent">True when the Parquet file was complete before and nothing was fetched.</param>
public sealed record DatasetSplitResult(string Split, string ParquetPath, string ItemsPath, int Items, string Skipped, bool AlreadyPresent);

/// <summary>
/// Fetches a course dataset's Parquet files (resumably, through <see cref="ResumableDownload"/>), checks each is a
/// Parquet file of the course's schema before it takes its final name, and reads it into items with their summaries,
/// written beside it as <c>{split}.jsonl</c>. Rows without a price or a summary/prompt are counted skips.
/// Layout: <c>{folder}/{name}/{revision}/data/*.parquet</c> and <c>{folder}/{name}/{revision}/{split}.jsonl</c>.
/// </summary>
/// <param name="http">The client to fetch with.</param>
/// <param name="folder">The folder datasets go under (default <c>datasets/</c> in the cache folder).</param>
public sealed class HubDatasetDownloader(HttpClient http, string? folder = null)
{
    /// <summary>The folder datasets go under.</summary>
    public string Folder { get; } = Path.GetFullPath(folder ?? Path.Combine(WorkbookSettings.Current.Cache, "datasets"));

    /// <summary>The Hub's root (a local server in tests).</summary>
    public Uri BaseUrl { get; init; } = HubDatasets.HubUrl;

    /// <summary>The downloads' retry and timeout settings.</summary>
    public ResumableDownload Download { get; init; } = new(http);

    /// <summary>Fetches and reads every split of <paramref name="dataset"/>, in order.</summary>
    /// <param name="dataset">What to fetch.</param>
    /// <param name="progress">Receives each split's bytes as they arrive, with the split's name.</param>
    /// <param name="cancellationToken">Stops; a partial file is resumed by the next run.</param>
    /// <exception cref="DownloadException">A file is missing or could not be completed.</exception>
    /// <exception cref="ItemFileException">A file is not Parquet of the course's schema, or has no usable row.</exception>
    public async Task<IReadOnlyList<DatasetSplitResult>> DownloadAsync(HubDataset dataset, IProgress<(string Split, TransferProgress Bytes)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        string root = Path.Combine(Folder, dataset.Name, SafeRevision(dataset.Revision));
        var results = new List<DatasetSplitResult>();
        foreach (var split in dataset.Splits)
        {
            string parquet = Path.Combine(root, split.File);
            var splitProgress = progress is null ? null : new InlineProgress<TransferProgress>(p => progress.Report((split.Split, p)));
            // A whole file that is not Parquet of the course's schema is rejected before it takes its name (and deleted,
            // so the next run fetches it again rather than trusting it).
            var download = await Download.DownloadAsync(dataset.UrlOf(BaseUrl, split), parquet, CheckParquet,
                splitProgress, cancellationToken).ConfigureAwait(false);
            var loaded = ItemStore.Load(download.Path, BadRows.Skip);
            string items = Path.Combine(root, split.Split + ".jsonl");
            ItemStore.Save(loaded.Items, items);
            results.Add(new DatasetSplitResult(split.Split, download.Path, items, loaded.Items.Count,
                loaded.SkippedCount == 0 ? "" : loaded.DescribeSkips(), download.AlreadyPresent));
        }
        return results;
    }

    // Parquet.Net is async-only; the download's check is synchronous, and runs off any caller's context.
    private static void CheckParquet(string part) => Task.Run(() => ParquetItemReader.CheckAsync(part)).GetAwaiter().GetResult();

    // A revision becomes a folder name: a commit id or "main" as it is, anything else without path characters.
    private static string SafeRevision(string revision) =>
        string.Concat(revision.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
