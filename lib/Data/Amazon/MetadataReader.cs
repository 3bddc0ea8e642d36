namespace PricerLib.Data.Amazon;

/// <summary>
/// Streams the rows of an Amazon Reviews 2023 metadata file (<c>meta_&lt;Category&gt;.jsonl</c>, plain or gzip, raw or
/// Hugging Face shape) in file order, on the calling thread. For parallel curation use <see cref="CurationPipeline"/>.
/// </summary>
public static class MetadataReader
{
    private const int BatchBytes = 1 << 20;

    /// <summary>
    /// Checks <paramref name="path"/> now and returns its rows lazily. Every non-blank line counts as read in
    /// <paramref name="summary"/>; a line that gives no product counts as a skip (<see cref="SkipReason.MalformedJson"/>,
    /// <see cref="SkipReason.NotAnObject"/>, <see cref="SkipReason.WrongFieldType"/>), and a file that ends early counts
    /// once as <see cref="SkipReason.TruncatedInput"/> after the rows before the break. Examples go to <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="MetadataInputException">The file is missing, empty, or not JSON Lines.</exception>
    public static IEnumerable<RawProduct> Read(string path, CurationSummary? summary = null, TextWriter? warnings = null)
    {
        var file = MetadataFile.Open(path);
        return ReadRows(file, summary ?? new CurationSummary(), new SkipReporter(warnings));
    }

    private static IEnumerable<RawProduct> ReadRows(MetadataFile file, CurationSummary summary, SkipReporter reporter)
    {
        using var reader = new LineBatchReader(file, BatchBytes);
        while (reader.TryRead(out var batch))
        {
            foreach (var (line, number) in batch.Lines())
            {
                summary.CountRead();
                var parsed = MetadataRow.Parse(line);
                if (parsed.Product is { } product) yield return product;
                else
                {
                    summary.CountSkip(parsed.Skip!.Value);
                    reporter.RowSkipped(file, number, parsed.Skip.Value, parsed.Problem!);
                }
            }
            batch.Release();
        }
        if (reader.BrokenInput is { } why)
        {
            summary.CountRead();
            summary.CountSkip(SkipReason.TruncatedInput);
            reporter.InputBroken(file, reader.BrokenAtLine, why);
        }
    }
}
