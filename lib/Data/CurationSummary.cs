using System.Collections.Concurrent;

namespace PricerLib.Data;

/// <summary>Thread-safe tally of a curation run: rows read, kept, and skipped by reason.</summary>
public sealed class CurationSummary
{
    private readonly ConcurrentDictionary<SkipReason, long> _skips = new();
    private long _read;
    private long _kept;

    public long Read => Interlocked.Read(ref _read);
    public long Kept => Interlocked.Read(ref _kept);
    public long Skipped => _skips.Values.Sum();

    /// <summary>Skip counts by reason, only the reasons that occurred, in enum order.</summary>
    public IReadOnlyList<KeyValuePair<SkipReason, long>> Skips =>
        _skips.OrderBy(kv => kv.Key).ToList();

    public long SkippedFor(SkipReason reason) => _skips.GetValueOrDefault(reason);

    public void CountRead() => Interlocked.Increment(ref _read);
    public void CountKept() => Interlocked.Increment(ref _kept);
    public void CountSkip(SkipReason reason) => _skips.AddOrUpdate(reason, 1, (_, n) => n + 1);

    /// <summary>Adds another run's counts to this one (e.g. one summary per input file).</summary>
    public void Add(CurationSummary other)
    {
        Interlocked.Add(ref _read, other.Read);
        Interlocked.Add(ref _kept, other.Kept);
        foreach (var (reason, n) in other._skips) _skips.AddOrUpdate(reason, n, (_, m) => m + n);
    }

    public override string ToString()
    {
        var skips = Skips.Count == 0 ? "none" : string.Join(", ", Skips.Select(kv => $"{kv.Key} {kv.Value:N0}"));
        return $"read {Read:N0}, kept {Kept:N0}, skipped {Skipped:N0} ({skips})";
    }
}
