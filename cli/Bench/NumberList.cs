namespace Pricer.Cli.Bench;

/// <summary>The benchmarks' lists of sizes and batch sizes: <c>--sizes 3000,10439</c>, <c>--parallel 2,4,8</c>.</summary>
internal static class NumberList
{
    /// <summary>Positive whole numbers separated by commas (underscores allowed), or null.</summary>
    public static int[]? Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var numbers = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part.Replace("_", ""), out int number) || number < 1) return null;
            numbers.Add(number);
        }
        return numbers.Count > 0 ? [.. numbers] : null;
    }
}
