using System.ComponentModel;
using PricerLib;
using PricerLib.Notebooks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary><c>pricer notebooks</c>: executes every notebook headless and fails on any failed cell.</summary>
public sealed class NotebooksCommand : PricerCommand<NotebooksCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[NOTEBOOK]")]
        [Description("Only the notebooks whose file name contains this text (default: all).")]
        public string? Filter { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where executed notebooks (.ipynb) and their charts go. Default: out/notebooks.")]
        public string? Out { get; init; }

        [CommandOption("--timeout <SECONDS>")]
        [Description("Per-notebook time limit. Default: 900.")]
        public int Timeout { get; init; } = 900;
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var notebooks = NotebookRunner.Discover(ProjectPaths.Notebooks)
            .Where(n => settings.Filter is null || Path.GetFileName(n).Contains(settings.Filter, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (notebooks.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No notebooks found in {ProjectPaths.Notebooks}.[/]");
            return 1;
        }

        var runner = new NotebookRunner(settings.Out ?? Path.Combine(WorkbookSettings.Current.Out, "notebooks"));
        int failures = 0;
        foreach (var notebook in notebooks)
        {
            var run = await AnsiConsole.Status().StartAsync($"Running {Path.GetFileName(notebook)}…",
                _ => runner.RunAsync(notebook, TimeSpan.FromSeconds(settings.Timeout), cancellationToken));
            if (run.Succeeded)
            {
                AnsiConsole.MarkupLineInterpolated($"[green]✓[/] {run.Notebook} ({run.Duration.TotalSeconds:N0} s) → {run.ExecutedPath}");
                continue;
            }
            failures++;
            AnsiConsole.MarkupLineInterpolated($"[red]✗ {run.Notebook}[/] (exit code {run.ExitCode}, {run.FailedCells.Count} failed cell(s))");
            foreach (var cell in run.FailedCells)
                AnsiConsole.MarkupLineInterpolated($"  cell {cell.Index} [grey]{cell.FirstLine}[/]: {cell.Error}");
        }
        AnsiConsole.MarkupLineInterpolated($"Executed notebooks and charts: {runner.OutputFolder}");
        return failures == 0 ? 0 : 1;
    }
}
