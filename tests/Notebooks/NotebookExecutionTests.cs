using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Notebooks;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Notebooks;

/// <summary>
/// The demo job, then every notebook headless in dotnet-repl (the host users' notebooks run in) with no failed cell,
/// on the synthetic demo catalogue and the real Llama 3 tokenizer.
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public class NotebookExecutionTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    public static TheoryData<string> Notebooks() =>
        new(NotebookRunner.Discover(ProjectPaths.Notebooks).Select(Path.GetFileName)!);

    /// <summary>
    /// The notebooks of weeks 6 and 7 and the results (01–08) that follow the 2025 edition too, run again in it; 03 runs
    /// only the 2025 baselines there, at the demo catalogue's sizes (<see cref="BaselineSizes"/>).
    /// </summary>
    public static TheoryData<string> EditionNotebooks() =>
        new(NotebookRunner.Discover(ProjectPaths.Notebooks).Select(Path.GetFileName)
            .Where(n => string.CompareOrdinal(n, "01") >= 0 && string.CompareOrdinal(n, "09") < 0)!);

    [Fact]
    public void Every_notebook_is_numbered_and_the_course_steps_so_far_are_there()
    {
        var names = NotebookRunner.Discover(ProjectPaths.Notebooks).Select(Path.GetFileName).ToList();
        Assert.All(names, n => Assert.Matches(@"^\d\d-[a-z0-9-]+\.dib$", n));
        Assert.Subset(names.ToHashSet(), new HashSet<string?> { "01-data-curation.dib", "02-dataset.dib", "08-results.dib" });
    }

    [SkippableFact]
    public void The_demo_curates_splits_evaluates_and_writes_every_chart_as_html_and_png()
    {
        Skip.If(demo.SkipReason is not null, demo.SkipReason);
        var report = demo.Report!;

        Assert.True(report.Curation.Kept > 10_000, report.Curation.ToString());
        Assert.True(report.Curation.Skipped > 0, "the demo catalogue has rows the filters must reject");
        Assert.Equal(250, report.Runs[0].Metrics.Count);
        Assert.Empty(report.Split.Train.Intersect(report.Split.Test));
        var names = report.Files.Select(Path.GetFileName).ToList();
        Assert.Contains("07-leaderboard.png", names);
        Assert.All(report.Files, f => Assert.True(new FileInfo(f).Length > 1_000, f));
        // The constant pricer (mean training price) must beat uniform random guessing on any sensible catalogue.
        var stored = new ResultsStore(demo.ResultsFolder).LoadAll().Runs.ToDictionary(r => r.Name);
        Assert.True(stored["demo-constant"].Metrics.Error < stored["demo-random"].Metrics.Error);
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public Task Notebook_runs_headless_without_a_failed_cell(string notebook) => RunsHeadless(notebook, CourseEditions.Default);

    [SkippableTheory]
    [MemberData(nameof(EditionNotebooks))]
    public Task Notebook_runs_headless_in_the_2025_edition(string notebook) => RunsHeadless(notebook, CourseEdition.Course2025);

    private async Task RunsHeadless(string notebook, CourseEdition edition)
    {
        Skip.If(demo.SkipReason is not null, demo.SkipReason);
        var environment = demo.NotebookEnvironmentFor(edition);
        var runner = new NotebookRunner(Path.Combine(environment["PRICER_OUT"], "notebooks"), environment);

        var run = await runner.RunAsync(Path.Combine(ProjectPaths.Notebooks, notebook), TimeSpan.FromMinutes(10));

        var failures = string.Join("\n", run.FailedCells.Select(c => $"cell {c.Index} ({c.FirstLine}): {c.Error}"));
        Assert.True(run.Succeeded, $"{notebook}: exit code {run.ExitCode}\n{failures}\n{run.Log}");
        if (edition == CourseEdition.Course2025 && notebook.StartsWith("03-", StringComparison.Ordinal))
        {
            // Its training and test items got their summaries from the test server, none from stand-ins.
            Assert.True(demo.SummaryRequests >= BaselineSizes.QuickTrainItems + edition.TestSize(), $"{demo.SummaryRequests} summary requests");
            Assert.Contains("kept, 0 left to stand-ins", File.ReadAllText(run.ExecutedPath));
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(runner.OutputFolder, "charts", Path.GetFileNameWithoutExtension(notebook)), "*.png"));
    }
}
