using System.ComponentModel;
using PricerLib;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer evaluate --pricer NAME --test FILE</c>: trains (where the pricer trains), runs the Tester, stores the
/// run and prints the summary. Knows pricers only through <see cref="PricerRegistry"/>, so new kinds need no change here.
/// </summary>
public sealed class EvaluateCommand : AsyncCommand<EvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--pricer <NAME>")]
        [Description("random, constant, frontier:MODEL, llama:PATH.")]
        public string Pricer { get; init; } = "";

        [CommandOption("--train <FILE>")]
        [Description("Training items, for pricers that train (constant, classical ML).")]
        public string? Train { get; init; }

        [CommandOption("--test <FILE>")]
        [Description("Test items (any items file the library loads).")]
        public string Test { get; init; } = "";

        [CommandOption("--size <N>")]
        [Description("Test the first N items (default 250, the course's).")]
        public int Size { get; init; } = Tester.DefaultSize;

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the pricer's randomness and the bootstrap (default 42, the course's).")]
        public int Seed { get; init; } = 42;

        [CommandOption("--workers <N>")]
        [Description("Items priced at once (default: what the pricer recommends).")]
        public int? Workers { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Results store folder (default: the project's results/ folder).")]
        public string? Out { get; init; }

        [CommandOption("--name <NAME>")]
        [Description("Run name; a run with the same name (same slug) is replaced. Default: the pricer spec.")]
        public string? Name { get; init; }

        [CommandOption("--title <TITLE>")]
        [Description("Title of the run (default: the pricer's name in words).")]
        public string? Title { get; init; }

        [CommandOption("--json")]
        [Description("Print exactly one JSON object on stdout (score --json's keys plus pricer); per-item lines go to stderr.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Pricer)) return ValidationResult.Error("--pricer is required (random, constant, frontier:MODEL, llama:PATH).");
            if (string.IsNullOrWhiteSpace(Test)) return ValidationResult.Error("--test FILE is required.");
            if (Size < 1) return ValidationResult.Error("--size must be at least 1.");
            if (Workers is < 1) return ValidationResult.Error("--workers must be at least 1.");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IPricer pricer;
        try { pricer = PricerRegistry.CreateDefault().Resolve(settings.Pricer, settings.Seed); }
        catch (PricerUnavailableException e) { return CommandConsoles.Fail(e.Message); }

        IReadOnlyList<Item>? train = null;
        if (pricer is ITrainablePricer)
        {
            if (settings.Train is null) return CommandConsoles.Fail($"Pricer '{settings.Pricer}' trains on items: pass --train FILE.");
            train = LoadItems(settings.Train);
            if (train is null) return 1;
        }
        else if (settings.Train is not null)
        {
            CommandConsoles.Warn($"Pricer '{settings.Pricer}' does not train: --train is ignored.");
        }

        var test = LoadItems(settings.Test);
        if (test is null) return 1;

        var lines = settings.Json ? CommandConsoles.Error() : CommandConsoles.Out();
        var request = new EvaluationRequest(settings.Pricer, settings.Name, settings.Title, settings.Size, settings.Seed, settings.Workers,
            Path.GetFullPath(settings.Test), settings.Train is null || train is null ? null : Path.GetFullPath(settings.Train));
        RunRecord run;
        try { run = await RunAsync(pricer, request, train, test, lines, cancellationToken); }
        catch (ArgumentException e) { return CommandConsoles.Fail(e.Message); }
        string path = new ResultsStore(settings.Out ?? ProjectPaths.Results).Save(run);

        var bootstrap = run.Bootstrap!;
        lines.MarkupLine(Markup.Escape(
            $"Bootstrap 95% CIs ({bootstrap.Resamples} resamples, seed {bootstrap.Seed}): error [${CourseFormat.Number(bootstrap.Error.Low)}, ${CourseFormat.Number(bootstrap.Error.High)}] " +
            $"RMSLE [{CourseFormat.Number(bootstrap.Rmsle.Low)}, {CourseFormat.Number(bootstrap.Rmsle.High)}] " +
            $"hits [{CourseFormat.Fixed(bootstrap.HitsPercent.Low, 1)}%, {CourseFormat.Fixed(bootstrap.HitsPercent.High, 1)}%]"));
        CommandConsoles.Error().MarkupLine(Markup.Escape($"Stored run '{run.Name}' in {path}"));

        if (settings.Json)
        {
            var json = run.Metrics.ToJson();
            json["pricer"] = settings.Pricer;
            json["name"] = run.Name;
            json["title"] = run.Title;
            json["stored"] = path;
            Console.Out.WriteLine(json.ToJsonString(EvaluationJson.Options));
        }
        return 0;
    }

    // Unreadable items files end the command with a message, not a stack trace; null after printing it.
    private static IReadOnlyList<Item>? LoadItems(string path)
    {
        if (!File.Exists(path))
        {
            CommandConsoles.Fail($"No such items file: {path}");
            return null;
        }
        try { return ItemStore.Load(path); }
        catch (Exception e) when (e is ItemFileException or IOException or InvalidDataException)
        {
            CommandConsoles.Fail($"Cannot read items from {path}: {e.Message}");
            return null;
        }
    }

    // Slow pricers (several workers) get a progress bar on an interactive terminal; item lines print above it.
    private static Task<RunRecord> RunAsync(IPricer pricer, EvaluationRequest request, IReadOnlyList<Item>? train,
        IReadOnlyList<Item> test, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var reporter = new ConsoleTestReporter(console);
        if ((request.Workers ?? pricer.RecommendedConcurrency) <= 1 || !console.Profile.Capabilities.Interactive)
            return PricerEvaluation.RunAsync(pricer, request, train, test, reporter, cancellationToken: cancellationToken);
        return console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("Pricing", maxValue: Math.Min(request.Size, test.Count));
            var progress = new Progress<TestProgress>(p => task.Value = p.Done);
            return await PricerEvaluation.RunAsync(pricer, request, train, test, reporter, progress, cancellationToken);
        });
    }
}
