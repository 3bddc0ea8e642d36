namespace PricerLib.Data.Amazon;

/// <summary>
/// Writes what was wrong with unreadable rows: the first few examples per file and reason with their line numbers,
/// then a note that further ones are only counted, so a broken file cannot flood the console.
/// </summary>
internal sealed class SkipReporter(TextWriter? warnings, int examplesPerReason = 3)
{
    private readonly Dictionary<(string Path, SkipReason Reason), int> _reported = [];

    public void RowSkipped(MetadataFile file, long line, SkipReason reason, string problem)
    {
        if (warnings is null) return;
        var key = (file.Path, reason);
        int seen = _reported.GetValueOrDefault(key);
        _reported[key] = seen + 1;
        if (seen < examplesPerReason) warnings.WriteLine($"{file.Path}:{line}: skipped ({reason}): {problem}");
        else if (seen == examplesPerReason) warnings.WriteLine($"{file.Path}: further {reason} rows are counted in the summary only.");
    }

    public void InputBroken(MetadataFile file, long line, string why) =>
        warnings?.WriteLine($"{file.Path}:{line}: {why} (counted once as {SkipReason.TruncatedInput}; the rows before it are kept).");
}
