using System.ComponentModel;
using PricerLib;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// <c>pricer train --pricer NAME --train FILE --model-out DIR</c>: trains once and saves the model, with what it was
/// trained on, for <c>pricer evaluate --trained DIR</c>. Refused for kinds that do not train.
/// </summary>
public sealed class TrainCommand : PricerKindCommand<TrainCommand.Settings>
{
    public sealed class Settings : CommandSettings
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
            string.IsNullOrWhiteSpace(Pricer) ? ValidationResult.Error("--pricer is required (`pricer pricers` lists the kinds that train).")
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
        var train = ItemFiles.Load(items);
        var request = new EvaluationRequest(settings.Pricer, Seed: settings.Seed, TrainFile: items) { Options = ExtraOptions(context) };
        var prepared = await PricerEvaluation.PrepareAsync(Registry, request, train, cancellationToken);
        await using (prepared.Pricer)
        {
            var training = prepared.Training!;
            var manifest = new TrainedModelManifest(recipe.Request.Kind, prepared.Spec, settings.Seed, prepared.Options,
                training.Data, training.Seconds ?? 0, DateTimeOffset.UtcNow, RunRecord.CurrentToolVersion);
            var folder = await TrainedModel.SaveAsync(prepared.Pricer, settings.ModelOut, manifest, cancellationToken);
            CommandConsoles.Error().WriteLine($"Trained '{prepared.Spec}' on {training.Data.Items:N0} items in {training.Seconds:N2} s.");
            Console.Out.WriteLine(folder);
        }
        return 0;
    }
}
