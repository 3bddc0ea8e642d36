using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib.Editions;
using PricerLib.Frontier;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Frontier;

/// <summary>
/// <c>pricer human-input --test FILE [--out human_input.csv] [--edition 2025]</c>: the blank of the course's human
/// baseline (2024: 250 test prompts in human_input.csv; 2025: 100 summaries in human_in.csv).
/// </summary>
public sealed class HumanInputCommand : PricerCommand<HumanInputCommand.Settings>
{
    public sealed class Settings : EditionSettings
    {
        [CommandOption("--test <FILE>")]
        [Description("Test items (any items file the library loads).")]
        public string Test { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("The CSV to write (default: 2024 human_input.csv, 2025 human_in.csv).")]
        public string? Out { get; init; }

        [CommandOption("--size <N>")]
        [Description("Rows: the first N test items (default the course's: 2024 250, 2025 100).")]
        public int? Size { get; init; }

        public override ValidationResult Validate() =>
            base.Validate() is { Successful: false } edition ? edition
            : string.IsNullOrWhiteSpace(Test) ? ValidationResult.Error("--test FILE is required.")
            : Size < 1 ? ValidationResult.Error("--size must be at least 1.")
            : ValidationResult.Success();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var edition = settings.CourseEdition;
        var (input, output) = HumanCsv.FileNamesFor(edition);
        var test = ItemFiles.Load(settings.Test);
        string path = settings.Out ?? input;
        int rows = HumanCsv.WriteInput(test, path, settings.Size ?? HumanCsv.RowsFor(edition), edition);
        CommandConsoles.Out().MarkupLine(Markup.Escape(
            $"Wrote {rows} {(edition == CourseEdition.Course2025 ? "summaries" : "prompts")} to {Path.GetFullPath(path)}. Replace each 0 with your guess, save it as {output}, then: " +
            $"pricer evaluate --edition {edition.Name()} --pricer human --human-csv {output} --test {settings.Test}"));
        return Task.FromResult(0);
    }
}
