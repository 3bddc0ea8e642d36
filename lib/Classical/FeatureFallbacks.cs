using System.Collections.Concurrent;

namespace PricerLib.Classical;

/// <summary>Why a feature fell back to its default.</summary>
public enum FeatureFallback
{
    /// <summary>The item has no details at all.</summary>
    NoDetails,
    /// <summary>The details are not a JSON object.</summary>
    DetailsNotJson,
    /// <summary>No Item Weight in the details.</summary>
    NoWeight,
    /// <summary>An Item Weight that is not "AMOUNT UNIT" with a known unit (e.g. "N/A").</summary>
    WeightUnreadable,
    /// <summary>No Best Sellers Rank in the details.</summary>
    NoRank,
    /// <summary>A Best Sellers Rank with a value that is not a number.</summary>
    RankUnreadable,
}

/// <summary>Counts of items whose features fell back to defaults, by reason; safe to share between threads.</summary>
public sealed class FeatureFallbacks
{
    private readonly ConcurrentDictionary<FeatureFallback, int> counts = new();

    /// <summary>Counts one item for <paramref name="reason"/>.</summary>
    public void Count(FeatureFallback reason) => counts.AddOrUpdate(reason, 1, (_, n) => n + 1);

    /// <summary>How many items fell back for <paramref name="reason"/>.</summary>
    public int this[FeatureFallback reason] => counts.GetValueOrDefault(reason);

    /// <summary>Every non-zero count, in the enum's order.</summary>
    public IReadOnlyDictionary<FeatureFallback, int> Counts =>
        Enum.GetValues<FeatureFallback>().Where(r => this[r] > 0).ToDictionary(r => r, r => this[r]);

    /// <summary>One line for humans, e.g. "no details 12, no weight 40"; "none" when nothing fell back.</summary>
    public override string ToString() => Counts.Count == 0 ? "none"
        : string.Join(", ", Counts.Select(c => $"{Words(c.Key)} {c.Value:N0}"));

    private static string Words(FeatureFallback reason) => reason switch
    {
        FeatureFallback.NoDetails => "no details",
        FeatureFallback.DetailsNotJson => "details not JSON",
        FeatureFallback.NoWeight => "no weight",
        FeatureFallback.WeightUnreadable => "unreadable weight",
        FeatureFallback.NoRank => "no rank",
        _ => "unreadable rank",
    };
}
