using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Frontier.FineTuning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Frontier;

/// <summary>
/// <c>pricer fine-tune --train FILE [--train-size 200] [--validation-size 50] [--model gpt-4o-mini-2024-07-18]
/// [--epochs 1] [--seed 42] [--suffix pricer]</c>: the course's day 5. Builds the chat JSONL, uploads it, creates the job,
/// follows its events and prints the fine-tuned model id; a re-run with the same items and settings follows the same job.
/// </summary>
public sealed class FineTuneCommand : PricerCommand<FineTuneCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--train <FILE>")]
        [Description("Training items; the first --train-size train, the next --validation-size validate (the course's train[:200], train[200:250]).")]
        public string Train { get; init; } = "";

        [CommandOption("--train-size <N>")]
        [Description("Training examples (default 200, the course's; its results run used 500).")]
        public int TrainSize { get; init; } = FineTuningData.CourseTrainSize;

        [CommandOption("--validation-size <N>")]
        [Description("Validation examples (default 50; 0 for none).")]
        public int ValidationSize { get; init; } = FineTuningData.CourseValidationSize;

        [CommandOption("--model <ID>")]
        [Description("The model to fine-tune (default gpt-4o-mini-2024-07-18).")]
        public string Model { get; init; } = FineTuningSpec.CourseModel;

        [CommandOption("--epochs <N>")]
        [Description("Training epochs (default 1).")]
        public int Epochs { get; init; } = 1;

        [CommandOption("--seed <SEED>")]
        [Description("The job's seed (default 42).")]
        public int Seed { get; init; } = 42;

        [CommandOption("--suffix <TEXT>")]
        [Description("Part of the fine-tuned model's name (default pricer).")]
        public string Suffix { get; init; } = "pricer";

        [CommandOption("--provider <NAME>")]
        [Description("A preset endpoint and key variable, as for evaluate (default openai).")]
        public string? Provider { get; init; }

        [CommandOption("--base-url <URL>")]
        [Description("Any endpoint that speaks OpenAI's fine-tuning API (no key is sent unless --api-key-env names one).")]
        public string? BaseUrl { get; init; }

        [CommandOption("--api-key-env <NAME>")]
        [Description("The environment variable holding the key (default: the provider's).")]
        public string? ApiKeyEnv { get; init; }

        [CommandOption("--poll <SECONDS>")]
        [Description("Seconds between status checks while the job runs (default 15).")]
        public double Poll { get; init; } = 15;

        [CommandOption("--files-out <DIR>")]
        [Description("Also write fine_tune_train.jsonl and fine_tune_validation.jsonl there, as the course does.")]
        public string? FilesOut { get; init; }

        [CommandOption("--json")]
        [Description("Print exactly one JSON object (jobId, fineTunedModel, pricer, resumed); progress goes to stderr.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Train) ? ValidationResult.Error("--train FILE is required.")
            : Poll is < 0.01 or > 3600 ? ValidationResult.Error("--poll takes 0.01 to 3600 seconds.")
            : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var spec = new FineTuningSpec(settings.Model, settings.Epochs, settings.Seed, settings.Suffix);
        spec.Validate();
        var data = FineTuningData.From(ItemFiles.Load(settings.Train), settings.TrainSize, settings.ValidationSize);
        if (settings.FilesOut is { } folder) data.WriteFiles(folder);
        var tuner = FrontierFineTuner.Connect(WorkbookSettings.Current, settings.Provider, settings.BaseUrl, settings.ApiKeyEnv,
            TimeSpan.FromSeconds(settings.Poll), Console.Error);
        var result = await tuner.RunAsync(data, spec, cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Print(new { jobId = result.JobId, fineTunedModel = result.FineTunedModel, pricer = result.PricerSpec, resumed = result.Resumed });
            return 0;
        }
        var console = CommandConsoles.Out();
        console.MarkupLine(Markup.Escape(result.FineTunedModel));
        CommandConsoles.Error().MarkupLine(Markup.Escape(
            $"Evaluate it (the course allows a few more tokens): pricer evaluate --pricer {result.PricerSpec} --max-tokens 7 --test FILE"));
        return 0;
    }
}
