using PricerLib.Editions;

namespace PricerLib.Agents;

/// <summary>The course's DealNews RSS feeds: five in the 2024 edition, three in the 2025 one (agents/deals.py).</summary>
public static class DealFeeds
{
    /// <summary>The 2024 edition's feeds.</summary>
    public static IReadOnlyList<Uri> Course2024 { get; } =
    [
        new("https://www.dealnews.com/c142/Electronics/?rss=1"),
        new("https://www.dealnews.com/c39/Computers/?rss=1"),
        new("https://www.dealnews.com/c238/Automotive/?rss=1"),
        new("https://www.dealnews.com/f1912/Smart-Home/?rss=1"),
        new("https://www.dealnews.com/c196/Home-Garden/?rss=1"),
    ];

    /// <summary>The 2025 edition's feeds (Automotive and Home-Garden left as comments there).</summary>
    public static IReadOnlyList<Uri> Course2025 { get; } = [Course2024[0], Course2024[1], Course2024[3]];

    /// <summary>The feeds of <paramref name="edition"/>.</summary>
    public static IReadOnlyList<Uri> For(CourseEdition edition) => edition == CourseEdition.Course2025 ? Course2025 : Course2024;
}
