namespace Pricer.Cli.Classical;

/// <summary>What the classical benchmarks share: their items and the machine's load.</summary>
internal static class ClassicalBench
{
    /// <summary>The <c>--items</c> file, else the shared real items.</summary>
    /// <exception cref="PricerLib.PricerException">Neither is there.</exception>
    public static string ItemsPath(string? items) =>
        items ?? (PricerLib.ProjectPaths.Shared is { } shared ? Path.Combine(shared, "data", "amazon-items-2024.jsonl") : null)
        ?? throw new PricerLib.PricerException("Give real items with --items FILE (../shared is absent).");

    /// <summary>The 1-, 5- and 15-minute load averages: the machine may be shared (Linux; "unknown" elsewhere).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
