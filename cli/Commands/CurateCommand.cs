using System.ComponentModel;
using PricerLib;
using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Editions;
using PricerLib.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer curate INPUT… --out FILE</c>: raw Amazon metadata files → curated items JSONL (gzip when FILE ends in .gz),
/// in input order, on every core. Progress and the summary go to stderr; the output appears only when complete.
/// With <c>--edition 2025</c> (or <c>PRICER_EDITION=2025</c>) it follows the 2025 course instead and writes a folder
/// of splits (<see cref="Pricer.Cli.Editions.Curate2025"/>).
/// </summary>
public sealed class CurateCommand : PricerCommand<CurateCommand.Settings>
{
    public sealed class Settings : EditionSettings
    {
        [CommandArgument(0, "<INPUT>")]
        [Description("Metadata files: meta_<Category>.jsonl or .jsonl.gz, raw or Hugging Face shape.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--category <NAME>")]
        [Description("Category of every item; default: each row's main_category.")]
        public string? Category { get; init; }

        [CommandOption("--tokenizer <PATH>")]
        [Description("Llama 3 tokenizer.model or a GGUF file (default: PRICER_TOKENIZER, else the one download-tokenizer fetched, else cl100k_base with a warning).")]
        public string? Tokenizer { get; init; }

        [CommandOption("--any-tokenizer")]
        [Description("Accept a tokenizer that is not the course's Llama 3 vocabulary (every prompt is then cut at its counts).")]
        public bool AnyTokenizer { get; init; }

        [CommandOption("-o|--out <FILE>")]
        [Description("Items file to write (.jsonl, or .jsonl.gz for gzip); with --edition 2025 a folder for train/validation/test.jsonl.")]
        public string? Out { get; init; }

        [CommandOption("--train <N>")]
        [Description("2025: training items (the course: 800,000).")]
        public int Train { get; init; } = new SplitSizes2025().Train;

        [CommandOption("--validation <N>")]
        [Description("2025: validation items (the course: 10,000).")]
        public int Validation { get; init; } = new SplitSizes2025().Validation;

        [CommandOption("--test <N>")]
        [Description("2025: test items (the course: 10,000).")]
        public int Test { get; init; } = new SplitSizes2025().Test;

        [CommandOption("--lite")]
        [Description("2025: write the course's lite dataset, the first 20,000 / 1,000 / 1,000 of each split.")]
        public bool Lite { get; init; }

        [CommandOption("--seed <N>")]
        [Description("2025: seed of the shuffles and the weighted sample (the course: 42).")]
        public int Seed { get; init; } = CourseSample2025.Seed;

        /// <summary>The 2025 split sizes asked for.</summary>
        public SplitSizes2025 Sizes2025 => new(Train, Validation, Test);

        [CommandOption("--threads <N>")]
        [Description("Worker threads; 0 (default) for every core.")]
        [DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--skip-unreadable")]
        [Description("Curate the inputs that can be read and count the others as skipped, instead of failing.")]
        public bool SkipUnreadable { get; init; }

        public override ValidationResult Validate() =>
            base.Validate() is { Successful: false } edition ? edition
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out FILE is required.")
            : Threads < 0 ? ValidationResult.Error("--threads must be 0 (every core) or more.")
            : Train < 1 || Validation < 0 || Test < 1 ? ValidationResult.Error("--train and --test take 1 or more, --validation 0 or more.")
            : Seed < 0 ? ValidationResult.Error("--seed takes 0 or more (numpy's seeds are 32-bit and unsigned).")
            : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var console = CommandConsoles.Error();
        OutputPaths.RefuseInputs(settings.Out!, settings.Inputs);
        var inputs = new List<MetadataFile>();
        var problems = new List<string>();
        foreach (var path in settings.Inputs)
        {
            try
            {
                inputs.Add(MetadataFile.Open(path));
            }
            catch (MetadataInputException e)
            {
                problems.Add(e.Message);
                if (settings.SkipUnreadable) CommandConsoles.Warn($"Skipping {e.Message}");
            }
        }
        int unreadable = problems.Count;
        // One error line, with every reason: not one line per input and then a summary line.
        if (inputs.Count == 0)
            return CommandConsoles.Fail($"Nothing to curate: {string.Join(" ", problems)} Nothing was written.");
        if (unreadable > 0 && !settings.SkipUnreadable)
            return CommandConsoles.Fail($"{string.Join(" ", problems)} {unreadable} of {settings.Inputs.Length} inputs could not be read; nothing was written (--skip-unreadable curates the rest).");
        if (settings.CourseEdition == CourseEdition.Course2025)
            return await Task.Run(() => Pricer.Cli.Editions.Curate2025.Run(settings, inputs, cancellationToken), cancellationToken);
        OutputPaths.CheckFile(settings.Out!);

        var tokenizer = TokenizerSource.Load(settings.Tokenizer, Console.Error);
        if (!settings.AnyTokenizer) Llama3Vocabulary.Require(tokenizer, "--any-tokenizer");
        var pipeline = new CurationPipeline(new ItemCurator(tokenizer), settings.Category, settings.Threads);
        var summary = new CurationSummary();
        var warnings = new StringWriter(); // printed after the progress bar, which owns the console while it runs
        try
        {
            await console.Progress().AutoClear(false).StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask("Curating", maxValue: Math.Max(1, inputs.Sum(f => f.Length)));
                var progress = new InlineProgress<CurationProgress>(p =>
                {
                    task.Value = p.BytesRead;
                    task.Description = $"Curating: {p.RowsRead:N0} rows, {p.Kept:N0} kept";
                });
                await Task.Run(() => pipeline.Save(inputs, settings.Out!, summary, progress, warnings, cancellationToken), cancellationToken);
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Write(warnings.ToString());
            return CommandConsoles.Fail($"{(e is ArgumentException a ? CliErrors.WithoutParameterName(a) : e.Message)} Nothing was written.");
        }

        console.Write(warnings.ToString());
        console.MarkupLineInterpolated($"Summary: {summary}");
        if (unreadable > 0) CommandConsoles.Warn($"Skipped {unreadable} of {settings.Inputs.Length} inputs that could not be read (--skip-unreadable).");
        console.MarkupLineInterpolated($"Wrote {summary.Kept:N0} items to {settings.Out}");
        if (summary.Kept == 0) console.MarkupLine("[yellow]warning:[/] no row passed the filters; the items file is empty.");
        return 0;
    }
}
