using System.ComponentModel;
using PricerLib;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Progression;
using PricerLib.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary><c>pricer demo</c>: the whole progression so far on the synthetic demo catalogue, ending with the report folder.</summary>
public sealed class DemoCommand : PricerCommand<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--tokenizer <PATH>")]
        [Description("Llama 3 tokenizer.model or a GGUF file (default: PRICER_TOKENIZER, else the one download-tokenizer fetched, else cl100k_base with a warning).")]
        public string? Tokenizer { get; init; }

        [CommandOption("--any-tokenizer")]
        [Description("Accept a tokenizer that is not the course's Llama 3 vocabulary (every prompt is then cut at its counts).")]
        public bool AnyTokenizer { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where the catalogue, dataset and report go. Default: out/demo.")]
        public string? Out { get; init; }

        [CommandOption("--results <DIR>")]
        [Description("Results store for the demo's runs. Default: PRICER_RESULTS, else the project's results/ folder.")]
        public string? Results { get; init; }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(settings.Out ?? Path.Combine(WorkbookSettings.Current.Out, "demo"));
        var results = new ResultsStore(settings.Results ?? WorkbookSettings.Current.Results);
        OutputPaths.CheckFolder(output); // before the progression's minutes of work, not after
        OutputPaths.CheckFolder(results.Folder);
        var tokenizer = TokenizerSource.Load(settings.Tokenizer, Console.Error);
        if (!settings.AnyTokenizer) Llama3Vocabulary.Require(tokenizer, "--any-tokenizer");

        var demo = new DemoProgression(tokenizer, output, results, Console.Error);
        var report = await demo.RunAsync(cancellationToken);

        var console = CommandConsoles.Error();
        console.MarkupLineInterpolated($"[green]Done.[/] {report.Files.Count} chart files; runs stored in {results.Folder}.");
        Console.Out.WriteLine(report.ReportFolder);
        return 0;
    }
}
