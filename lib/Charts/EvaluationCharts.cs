using Plotly.NET;

namespace PricerLib.Charts;

/// <summary>One scored item on the error scatter.</summary>
/// <param name="Color">"green", "orange" or "red", as the Tester colours it.</param>
public sealed record ScatterPoint(double Truth, double Guess, string Title, string Color);

/// <summary>One bar of the leaderboard: a run (or a course reference figure) with its mean error.</summary>
/// <param name="CiLow">Lower end of the 95% interval of the mean error; null when unknown (reference figures).</param>
/// <param name="HitsPercent">Share of hits, 0–100.</param>
/// <param name="IsReference">True for the course's published figures, drawn as a separate series.</param>
public sealed record LeaderboardEntry(string Name, double Error, double? CiLow, double? CiHigh, double HitsPercent, bool IsReference);

/// <summary>The evaluation harness's charts: error scatter, error trend, leaderboard.</summary>
public static class EvaluationCharts
{
    /// <summary>Truth on x, guess on y, coloured points, a deepskyblue y = x line; hover shows title, guess and truth.</summary>
    public static GenericChart ErrorScatter(IReadOnlyList<ScatterPoint> points, string title) => throw new NotImplementedException();

    /// <summary>The 2025 course's chart: running mean of <paramref name="errors"/> with a shaded 95% band.</summary>
    public static GenericChart ErrorTrend(IReadOnlyList<double> errors, string title) => throw new NotImplementedException();

    /// <summary>Horizontal bars of mean error, sorted, with CI whiskers and hits as labels.</summary>
    public static GenericChart Leaderboard(IReadOnlyList<LeaderboardEntry> entries, string title) => throw new NotImplementedException();
}
