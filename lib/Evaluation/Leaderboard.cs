using Microsoft.Data.Analysis;
using PricerLib.Charts;
using PricerLib.Editions;

namespace PricerLib.Evaluation;

/// <summary>One leaderboard line: a stored run or a course figure.</summary>
/// <param name="Name">The run's title, or the course's model name with "(course 2024)"; a run of another edition than
/// the course figures shown says so ("(2024 edition)").</param>
/// <param name="Error">Mean absolute error.</param>
/// <param name="ErrorCi">95% interval of the mean error: the run's bootstrap interval where stored, else its t
/// interval; null for course figures (published without one).</param>
/// <param name="Rmsle">RMSLE; null for course figures published without it (2025).</param>
/// <param name="HitsPercent">Hits, 0–100; null for course figures published without it (2025).</param>
/// <param name="Count">Items scored; null for course figures (250 each).</param>
/// <param name="IsReference">True for the course's figures.</param>
/// <param name="CourseRow">For a run: the course's row it reproduces (<see cref="CourseRows"/>), to read beside it;
/// null for course figures, for kinds the course has no row for, and when the figures are left out.</param>
public sealed record LeaderboardRow(string Name, double Error, Interval? ErrorCi, double? Rmsle, double? HitsPercent, int? Count, bool IsReference,
    ReferenceResult? CourseRow = null)
{
    /// <summary>Items that could not be scored (a prompt longer than the context, an endpoint that refused); 0 for course figures.</summary>
    public int Failed { get; init; }

    /// <summary>What the run's requests cost in US dollars ($0 on a server on this machine); null where unknown and for course figures.</summary>
    public double? CostUsd { get; init; }

    /// <summary>The course row as one cell: its name and error (e.g. <c>word2vec RF $97.11</c>), or null.</summary>
    public string? CourseCell => CourseRow is { } row ? $"{row.Name} ${CourseFormat.Number(row.Error)}" : null;


    /// <summary>The row as a bar of the leaderboard chart.</summary>
    public LeaderboardEntry ToEntry() => new(Name, Error, ErrorCi?.Low, ErrorCi?.High, HitsPercent, IsReference);
}

/// <summary>Stored runs and the course's figures, ranked by mean error (lowest first).</summary>
public static class Leaderboard
{
    /// <summary>
    /// The rows, best first; pass no reference to rank the stored runs alone. With a reference, a run of the other
    /// edition is still ranked but named with its edition ("Title (2024 edition)") and reproduces no course row, so the
    /// two editions' figures are never read as one table by accident.
    /// </summary>
    public static IReadOnlyList<LeaderboardRow> Rows(IEnumerable<RunRecord> runs, CourseReference? reference = null)
    {
        var stored = runs.Where(r => !Local.Synthetic.SyntheticModels.IsSynthetic(r)).ToList(); // random weights: their prices mean nothing
        // Runs that share a title are told apart by their (unique) run names.
        var shared = stored.GroupBy(r => r.Title, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string NameOf(RunRecord r)
        {
            string name = shared.Contains(r.Title) ? $"{r.Title} ({r.Name})" : r.Title;
            return reference is not null && r.Edition != reference.Edition ? $"{name} ({r.Edition.Name()} edition)" : name;
        }
        return stored.Select(r => new LeaderboardRow(NameOf(r), r.Metrics.Error, r.Bootstrap?.Error ?? r.Metrics.ErrorCi, r.Metrics.Rmsle,
                r.Metrics.HitsPercent, r.Metrics.Count, IsReference: false, reference is null ? null : CourseRows.For(r, reference)) { Failed = r.Metrics.Failed, CostUsd = r.CostUsd })
            .Concat((reference?.Results ?? []).Select(f => new LeaderboardRow($"{f.Name} (course {reference!.Source.Year})",
                f.Error, null, f.Rmsle, f.HitsPercent, null, IsReference: true)))
            .OrderBy(r => r.Error)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The rows as chart entries.</summary>
    public static IReadOnlyList<LeaderboardEntry> Entries(IEnumerable<RunRecord> runs, CourseReference? reference = null) =>
        Rows(runs, reference).Select(r => r.ToEntry()).ToList();

    /// <summary>The leaderboard chart (horizontal bars, CI whiskers, hits labels).</summary>
    public static Plotly.NET.GenericChart Chart(IEnumerable<RunRecord> runs, CourseReference? reference = null, string title = "Leaderboard: mean absolute error") =>
        EvaluationCharts.Leaderboard(Entries(runs, reference), title);

    /// <summary>The rows as a table for notebooks: name, error with its interval, RMSLE, hits, items, cost, source, and
    /// for each run the course row it reproduces with that row's error.</summary>
    public static DataFrame Table(IEnumerable<RunRecord> runs, CourseReference? reference = null)
    {
        var rows = Rows(runs, reference);
        return new DataFrame(
            new StringDataFrameColumn("name", rows.Select(r => r.Name)),
            new DoubleDataFrameColumn("error", rows.Select(r => Math.Round(r.Error, 2))),
            new DoubleDataFrameColumn("error_ci_low", rows.Select(r => r.ErrorCi is { } ci ? Math.Round(ci.Low, 2) : (double?)null)),
            new DoubleDataFrameColumn("error_ci_high", rows.Select(r => r.ErrorCi is { } ci ? Math.Round(ci.High, 2) : (double?)null)),
            new DoubleDataFrameColumn("rmsle", rows.Select(r => r.Rmsle is { } rmsle ? Math.Round(rmsle, 2) : (double?)null)),
            new DoubleDataFrameColumn("hits_percent", rows.Select(r => r.HitsPercent is { } hits ? Math.Round(hits, 1) : (double?)null)),
            new Int32DataFrameColumn("items", rows.Select(r => r.Count)),
            new DoubleDataFrameColumn("cost_usd", rows.Select(r => r.CostUsd)),
            new StringDataFrameColumn("source", rows.Select(r => r.IsReference ? "course" : "this workbook")),
            new StringDataFrameColumn("course_row", rows.Select(r => r.CourseRow?.Name)),
            new DoubleDataFrameColumn("course_error", rows.Select(r => r.CourseRow?.Error)));
    }
}
