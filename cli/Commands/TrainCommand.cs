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
/// <c>pricer train --pricer NAME --train FILE --model-out DIR</c>: trains once and saves the model, with what it was
/// trained on, for <c>pricer evaluate --trained DIR</c>. Refused for kinds that do not train. In the 2025 edition
/// (<c>--edition 2025</c> or <c>PRICER_EDITION</c>) items are the course's summarized ones: those without a summary
/// are left out and counted; the manifest records the edition.
/// </summary>
public sealed class TrainCommand : PricerKindCommand<TrainCommand.Settings>
{
    public sealed class Settings : EditionSettings
    {
        [CommandOption("--pricer <NAME>")]
        [Description("A kind that trains: constant, … (`pricer pricers` marks them). Its own options follow as --NAME VALUE: `pricer pricers KIND` lists them.")]
        public string Pricer { get; init; } = "";

        [CommandOption("--train <FILE>")]
        [Description("Training items.")]
        public string Train { get; init; } = "";

        [CommandOption("--fit <FILE>")]
        [Description("For an ensemble, in place of --train: the items its weights are fitted on (neither training nor test items).")]
        public string Fit { get; init; } = "";

        [CommandOption("--model-out <DIR>")]
        [Description("Folder the trained model is saved in (model.json plus the kind's files); a model already there is replaced, files and all.")]
        public string ModelOut { get; init; } = "";

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the pricer's randomness (default 42, the course's).")]
        public int Seed { get; init; } = 42;

        public override ValidationResult Validate() =>
            base.Validate() is { Successful: false } edition ? edition
            : string.IsNullOrWhiteSpace(Pricer) ? ValidationResult.Error("--pricer is required (`pricer pricers` lists the kinds that train).")
            : string.IsNullOrWhiteSpace(Train) == string.IsNullOrWhiteSpace(Fit) ? ValidationResult.Error("Give --train FILE (or, for an ensemble, --fit FILE), not both.")
            : string.IsNullOrWhiteSpace(ModelOut) ? ValidationResult.Error("--model-out DIR is required.")
            : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var recipe = Registry.Resolve(settings.Pricer, ExtraOptions(context), settings.Seed);
        if (!recipe.Trains) return CommandConsoles.Fail($"Pricer '{settings.Pricer}' does not train, so there is no model to save; evaluate it directly.");
        if (recipe.Registration.Load is null) return CommandConsoles.Fail($"Pricer '{recipe.Request.Kind}' trains, but its models cannot be saved yet.");

        OutputPaths.CheckFolder(settings.ModelOut); // before training, not after
        string items = string.IsNullOrWhiteSpace(settings.Fit) ? settings.Train : settings.Fit;
        var edition = settings.CourseEdition;
        var train = ItemFiles.Load(items);
        if (edition == CourseEdition.Course2025)
        {
            var summarized = train.Where(item => item.Summary is { Length: > 0 }).ToList();
            if (summarized.Count == 0)
                return CommandConsoles.Fail($"None of the {train.Count:N0} items in {items} has a summary, and the 2025 edition trains on summaries: run `pricer summarize` first, or use --edition 2024.");
            if (summarized.Count < train.Count)
                CommandConsoles.Warn($"Skipped {train.Count - summarized.Count:N0} of {train.Count:N0} items without a summary (the 2025 edition trains on summaries).");
            train = summarized;
        }
        var request = new EvaluationRequest(settings.Pricer, Seed: settings.Seed, TrainFile: items) { Options = ExtraOptions(context), Edition = edition };
        var prepared = await PricerEvaluation.PrepareAsync(Registry, request, train, cancellationToken);
        await using (prepared.Pricer)
        {
            var training = prepared.Training!;
            var manifest = new TrainedModelManifest(recipe.Request.Kind, prepared.Spec, settings.Seed, prepared.Options,
                training.Data, training.Seconds ?? 0, DateTimeOffset.UtcNow, RunRecord.CurrentToolVersion) { Edition = edition };
            var folder = await TrainedModel.SaveAsync(prepared.Pricer, settings.ModelOut, manifest, cancellationToken);
            CommandConsoles.Error().WriteLine($"Trained '{prepared.Spec}' ({edition.Name()} edition) on {training.Data.Items:N0} items in {training.Seconds:N2} s.");
            Console.Out.WriteLine(folder);
        }
        return 0;
    }
}
