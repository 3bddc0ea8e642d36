using System.ComponentModel;
using PricerLib;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer evaluate --pricer NAME --test FILE</c>: makes the pricer (trains it, or loads a model saved by
/// <c>pricer train</c>), runs the Tester, stores the run and prints the summary. Knows pricers only through the
/// registry, so new kinds — and their options, given as <c>--NAME VALUE</c> — need no change here.
/// </summary>
public sealed class EvaluateCommand : PricerKindCommand<EvaluateCommand.Settings>
{
    public sealed class Settings : EditionSettings
    {
        [CommandOption("--pricer <NAME>")]
        [Description("The pricer spec: random, constant, … (`pricer pricers` lists them). Optional with --trained. A kind's own options (--method, --lora, --base-url, …) follow as --NAME VALUE: `pricer pricers KIND` lists them with their defaults.")]
        public string? Pricer { get; init; }

        [CommandOption("--train <FILE>")]
        [Description("Training items, for kinds that train (constant, classical ML): trained, then evaluated.")]
        public string? Train { get; init; }

        [CommandOption("--trained <DIR>")]
        [Description("A model saved by `pricer train --model-out DIR`: evaluated as it is, no training.")]
        public string? Trained { get; init; }

        [CommandOption("--test <FILE>")]
        [Description("Test items (any items file the library loads).")]
        public string Test { get; init; } = "";

        [CommandOption("--size <N>")]
        [Description("Test the first N items (default: the edition's Tester, 250 in 2024 and 200 in 2025).")]
        public int? Size { get; init; }

        /// <summary>The items to test: <c>--size</c>, else the edition's default.</summary>
        public int TestSize => Size ?? CourseEdition.TestSize();

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the pricer's randomness and the bootstrap (default 42, the course's).")]
        public int Seed { get; init; } = 42;

        [CommandOption("--workers <N>")]
        [Description("Items priced at once, a batch pricer's limit of items in flight (default: what the pricer recommends).")]
        public int? Workers { get; init; }

        [CommandOption("--results|--out <DIR>")]
        [Description("Results store folder (default: PRICER_RESULTS, else the project's results/ folder); --out is the old name.")]
        public string? Results { get; init; }

        [CommandOption("--name <NAME>")]
        [Description("Run name; a run with the same name (same slug) is replaced, with a warning. Default: the pricer spec and the kind's options that change the guesses (e.g. llama:M.gguf --lora A.gguf --method greedy).")]
        public string? Name { get; init; }

        [CommandOption("--title <TITLE>")]
        [Description("Title of the run (default: the pricer's name in words).")]
        public string? Title { get; init; }

        [CommandOption("--json")]
        [Description("Print exactly one JSON object on stdout (score --json's keys plus pricer); per-item lines go to stderr.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } edition) return edition;
            if (string.IsNullOrWhiteSpace(Pricer) && Trained is null) return ValidationResult.Error("--pricer is required (`pricer pricers` lists them), or --trained DIR.");
            if (Trained is not null && Train is not null) return ValidationResult.Error("Give --train FILE (train now) or --trained DIR (a saved model), not both.");
            if (string.IsNullOrWhiteSpace(Test)) return ValidationResult.Error("--test FILE is required.");
            if (Size < 1) return ValidationResult.Error("--size must be at least 1.");
            if (Workers is < 1) return ValidationResult.Error("--workers must be at least 1.");
            return ValidationResult.Success();
        }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = ExtraOptions(context);
        if (settings.Trained is not null && options.Count > 0)
            return CommandConsoles.Fail($"A trained model keeps the options it was trained with: --{options.Keys.First()} cannot be given with --trained.");
        var request = new EvaluationRequest(settings.Pricer, settings.Name, settings.Title, settings.TestSize, settings.Seed, settings.Workers,
            Path.GetFullPath(settings.Test), settings.Train is null ? null : Path.GetFullPath(settings.Train))
        {
            Options = options,
            TrainedModel = settings.Trained,
            Edition = settings.CourseEdition,
        };

        var store = new ResultsStore(settings.Results ?? WorkbookSettings.Current.Results);
        OutputPaths.CheckFolder(store.Folder); // before minutes of training and pricing, not after
        if (settings.Trained is { } folder && TrainedModel.ReadManifest(folder).Edition is var trainedIn && trainedIn != settings.CourseEdition)
            CommandConsoles.Warn($"Warning: the model in {Path.GetFullPath(folder)} was trained in the {trainedIn.Name()} edition, but this run follows the " +
                $"{settings.CourseEdition.Name()} edition (--edition or PRICER_EDITION): it is tested and ranked as {settings.CourseEdition.Name()}. " +
                $"Pass --edition {trainedIn.Name()} to test it as it was trained.");

        IReadOnlyList<Item>? train = null;
        if (settings.Pricer is { } spec && settings.Trained is null)
        {
            var recipe = Registry.Resolve(spec, options, settings.Seed); // unknown kinds and bad options fail before any file is read
            if (recipe.Trains && settings.Train is null)
                return CommandConsoles.Fail($"Pricer '{spec}' trains on items: pass --train FILE, or --trained DIR for a model saved by `pricer train`.");
            if (!recipe.Trains && settings.Train is not null)
                return CommandConsoles.Fail($"Pricer '{spec}' does not train: leave out --train.");
            if (settings.Train is not null) train = ItemFiles.Load(settings.Train);
        }
        var test = ItemFiles.Load(settings.Test);
        if (settings.TestSize > test.Count)
            CommandConsoles.Warn($"Warning: --size {settings.TestSize:N0}, but {settings.Test} holds {test.Count:N0} items: all {test.Count:N0} are tested.");

        var lines = settings.Json ? CommandConsoles.Error() : CommandConsoles.Out();
        RunRecord run;
        try
        {
            var prepared = await PricerEvaluation.PrepareAsync(Registry, request, train, cancellationToken);
            await using (prepared.Pricer)
                run = await RunAsync(prepared, request, test, lines, cancellationToken);
        }
        catch (ArgumentException e) { return CommandConsoles.Fail(CliErrors.WithoutParameterName(e)); }
        if (store.OtherNameSharingSlug(run.Name) is { } replaced)
            CommandConsoles.Warn($"Warning: the run '{run.Name}' replaces the stored run '{replaced}': both names give {store.PathFor(run.Name)}. Give --name another name to keep both.");
        else if (File.Exists(store.PathFor(run.Name)))
            CommandConsoles.Warn($"Warning: the run '{run.Name}' replaces the stored run of the same name in {store.PathFor(run.Name)}. Give --name another name to keep both.");
        string path = store.Save(run);
        if (run.Metrics.NonFinite() is { Count: > 0 } overflowed)
            CommandConsoles.Warn($"Warning: {string.Join(", ", overflowed)} overflowed and {(overflowed.Count == 1 ? "is" : "are")} stored as null.");

        var bootstrap = run.Bootstrap!;
        lines.MarkupLine(Markup.Escape(
            $"Bootstrap 95% CIs ({bootstrap.Resamples} resamples, seed {bootstrap.Seed}): error [${CourseFormat.Number(bootstrap.Error.Low)}, ${CourseFormat.Number(bootstrap.Error.High)}] " +
            $"RMSLE [{CourseFormat.Number(bootstrap.Rmsle.Low)}, {CourseFormat.Number(bootstrap.Rmsle.High)}] " +
            $"hits [{CourseFormat.Fixed(bootstrap.HitsPercent.Low, 1)}%, {CourseFormat.Fixed(bootstrap.HitsPercent.High, 1)}%]"));
        CommandConsoles.Error().MarkupLine(Markup.Escape($"Stored run '{run.Name}' in {path}"));

        if (settings.Json)
        {
            var json = run.Metrics.ToJson();
            json["pricer"] = run.Pricer;
            json["name"] = run.Name;
            json["title"] = run.Title;
            json["stored"] = path;
            Console.Out.WriteLine(json.ToJsonString(EvaluationJson.Options));
        }
        return 0;
    }

    // Slow pricers (several workers) get a progress bar on an interactive terminal; item lines print above it.
    private static Task<RunRecord> RunAsync(PreparedPricer prepared, EvaluationRequest request, IReadOnlyList<Item> test,
        IAnsiConsole console, CancellationToken cancellationToken)
    {
        var reporter = new ConsoleTestReporter(console);
        if ((request.Workers ?? prepared.Pricer.RecommendedConcurrency) <= 1 || !console.Profile.Capabilities.Interactive)
            return PricerEvaluation.RunAsync(prepared, request, test, reporter, cancellationToken: cancellationToken);
        return console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("Pricing", maxValue: Math.Min(request.Size, test.Count));
            var progress = new Progress<TestProgress>(p => task.Value = p.Done);
            return await PricerEvaluation.RunAsync(prepared, request, test, reporter, progress, cancellationToken);
        });
    }
}
