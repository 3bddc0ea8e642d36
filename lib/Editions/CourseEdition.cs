namespace PricerLib.Editions;

/// <summary>
/// Which edition of the course the workbook follows: the 2024 one (weeks 6–7 at ed-donner/llm_engineering 95c38ce9f,
/// the default) or the December 2025 rewrite (109b683e7) that learners take today. One setting selects the item format
/// and prompts, the dataset source, the Tester's defaults and the course rows the leaderboard shows.
/// </summary>
public enum CourseEdition
{
    /// <summary>The 2024 edition: items of title and details, 250 test items, the 2024 course figures.</summary>
    Course2024 = 2024,

    /// <summary>The 2025 edition: items with an LLM-written summary, 200 test items, the 2025 course figures.</summary>
    Course2025 = 2025,
}

/// <summary>Reads and writes an edition as users type it: <c>2024</c> or <c>2025</c>.</summary>
public static class CourseEditions
{
    /// <summary>The edition when none is chosen.</summary>
    public const CourseEdition Default = CourseEdition.Course2024;

    /// <summary>Every edition, oldest first.</summary>
    public static IReadOnlyList<CourseEdition> All { get; } = [CourseEdition.Course2024, CourseEdition.Course2025];

    /// <summary>The year users type for <paramref name="edition"/>.</summary>
    public static string Name(this CourseEdition edition) => ((int)edition).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses <c>2024</c> or <c>2025</c>; anything else is a clear error naming the editions.</summary>
    public static CourseEdition Parse(string text, string source = "--edition") =>
        TryParse(text, out var edition)
            ? edition
            : throw new ArgumentException($"{source}: '{text}' is not an edition of the course; use {string.Join(" or ", All.Select(Name))}.");

    /// <summary>Parses <c>2024</c> or <c>2025</c> (surrounding spaces allowed).</summary>
    public static bool TryParse(string? text, out CourseEdition edition)
    {
        edition = Default;
        foreach (var candidate in All)
        {
            if (string.Equals(text?.Trim(), candidate.Name(), StringComparison.Ordinal))
            {
                edition = candidate;
                return true;
            }
        }
        return false;
    }
}
