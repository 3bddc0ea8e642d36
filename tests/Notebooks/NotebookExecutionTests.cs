using PricerLib.Notebooks;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Notebooks;

/// <summary>Every notebook runs headless in dotnet-repl (the same host users' notebooks run in) with no failed cell.</summary>
public class NotebookExecutionTests
{
    public static TheoryData<string> Notebooks() =>
        new(NotebookRunner.Discover(ProjectPaths.Notebooks).Select(Path.GetFileName)!);

    [Fact]
    public void The_course_notebooks_are_there()
    {
        var names = NotebookRunner.Discover(ProjectPaths.Notebooks).Select(Path.GetFileName).ToList();
        Assert.Contains("01-data-curation.dib", names);
        Assert.Contains("02-dataset.dib", names);
        Assert.Contains("08-results.dib", names);
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_headless_without_a_failed_cell(string notebook)
    {
        var environment = new Dictionary<string, string> { ["PRICER_TOKENIZER"] = Shared.Llama3TokenizerModel };
        using var output = new TempDir();
        var runner = new NotebookRunner(output.Path, environment);

        var run = await runner.RunAsync(Path.Combine(ProjectPaths.Notebooks, notebook), TimeSpan.FromMinutes(10));

        var failures = string.Join("\n", run.FailedCells.Select(c => $"cell {c.Index} ({c.FirstLine}): {c.Error}"));
        Assert.True(run.Succeeded, $"{notebook}: exit code {run.ExitCode}\n{failures}\n{run.Log}");
    }
}
