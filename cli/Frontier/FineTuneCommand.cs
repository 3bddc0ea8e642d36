using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Editions;
using PricerLib.Frontier.FineTuning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Frontier;

/// <summary>
/// <c>pricer fine-tune --train FILE [--validation FILE] [--train-size N] [--validation-size 50] [--model ID]
/// [--epochs 1] [--batch-size N] [--seed 42] [--suffix pricer]</c>: the course's day 5 in the workbook's edition
/// (PRICER_EDITION; 2024: gpt-4o-mini, 200 + 50 items of the training file; 2025: gpt-4.1-nano, 100 training items and
/// 50 of --validation, batch size 1). Builds the chat JSONL, uploads it, creates the job, follows its events and
/// prints the fine-tuned model id; a re-run with the same items and settings follows the same job.
/// </summary>
public sealed class FineTuneCommand : PricerCommand<FineTuneCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--train <FILE>")]
        [Description("Training items; the first --train-size train, and without --validation the next --validation-size validate (2024: train[:200], train[200:250]).")]
        public string Train { get; init; } = "";

        [CommandOption("--validation <FILE>")]
        [Description("Validation items; the first --validation-size validate (2025: val[:50]).")]
        public string? Validation { get; init; }

        [CommandOption("--train-size <N>")]
        [Description("Training examples (default: 2024 200, the course's, whose results run used 500; 2025 100).")]
        public int? TrainSize { get; init; }

        [CommandOption("--validation-size <N>")]
        [Description("Validation examples (default 50; 0 for none).")]
        public int ValidationSize { get; init; } = FineTuningData.CourseValidationSize;

        [CommandOption("--model <ID>")]
        [Description("The model to fine-tune (default: 2024 gpt-4o-mini-2024-07-18; 2025 gpt-4.1-nano-2025-04-14).")]
        public string? Model { get; init; }

        [CommandOption("--epochs <N>")]
        [Description("Training epochs (default 1).")]
        public int Epochs { get; init; } = 1;

        [CommandOption("--batch-size <N>")]
        [Description("The job's batch size (default: 2024 the provider's choice; 2025 1).")]
        public int? BatchSize { get; init; }

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
        var edition = WorkbookSettings.Current.Edition;
        var course = FineTuningSpec.For(edition);
        var spec = course with
        {
            BaseModel = settings.Model ?? course.BaseModel, Epochs = settings.Epochs, Seed = settings.Seed, Suffix = settings.Suffix,
            BatchSize = settings.BatchSize ?? course.BatchSize,
        };
        spec.Validate();
        int trainSize = settings.TrainSize ?? (edition == CourseEdition.Course2025 ? FineTuningData.CourseTrainSize2025 : FineTuningData.CourseTrainSize);
        var data = FineTuningData.From(ItemFiles.Load(settings.Train), trainSize, settings.ValidationSize, edition,
            settings.Validation is { } validation ? ItemFiles.Load(validation) : null);
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
        CommandConsoles.Error().MarkupLine(Markup.Escape(edition == CourseEdition.Course2025
            ? $"Evaluate it (the 2025 course sends max_tokens 7 to it by default): pricer evaluate --pricer {result.PricerSpec} --test FILE"
            : $"Evaluate it (the course allows a few more tokens): pricer evaluate --pricer {result.PricerSpec} --max-tokens 7 --test FILE"));
        return 0;
    }
}
