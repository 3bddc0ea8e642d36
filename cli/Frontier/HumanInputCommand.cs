using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib.Frontier;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Frontier;

/// <summary><c>pricer human-input --test FILE --out human_input.csv</c>: the blank of the course's human baseline.</summary>
public sealed class HumanInputCommand : PricerCommand<HumanInputCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--test <FILE>")]
        [Description("Test items (any items file the library loads).")]
        public string Test { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("The CSV to write (default human_input.csv).")]
        public string Out { get; init; } = "human_input.csv";

        [CommandOption("--size <N>")]
        [Description("Rows: the first N test items (default 250, the course's).")]
        public int Size { get; init; } = HumanCsv.CourseRows;

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Test) ? ValidationResult.Error("--test FILE is required.")
            : Size < 1 ? ValidationResult.Error("--size must be at least 1.")
            : ValidationResult.Success();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var test = ItemFiles.Load(settings.Test);
        int rows = HumanCsv.WriteInput(test, settings.Out, settings.Size);
        CommandConsoles.Out().MarkupLine(Markup.Escape(
            $"Wrote {rows} prompts to {Path.GetFullPath(settings.Out)}. Replace each 0 with your guess, save it as human_output.csv, then: " +
            $"pricer evaluate --pricer human --human-csv human_output.csv --test {settings.Test}"));
        return Task.FromResult(0);
    }
}
