using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Pricer.Cli.Commands;
using PricerLib.Local.Synthetic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary><c>pricer make-adapter</c>: a PEFT LoRA adapter with seeded random weights for a synthetic shape, for <c>convert-lora</c> and speed measurements.</summary>
public sealed class MakeAdapterCommand : PricerCommand<MakeAdapterCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--shape <SHAPE>")]
        [Description("The base's shape: llama-3.1-8b, llama-3.2-3b, llama-3.2-1b or llama-3-tiny.")]
        public string Shape { get; init; } = "";

        [CommandOption("--preset <PRESET>")]
        [Description("course-2024 (r 32 on q/k/v/o, default) or course-2025-full (r 256 on all seven projections).")]
        [DefaultValue("course-2024")]
        public string Preset { get; init; } = "course-2024";

        [CommandOption("--out <DIR>")]
        [Description("The adapter folder to write (adapter_config.json, adapter_model.safetensors).")]
        public string Out { get; init; } = "";

        [CommandOption("--seed <N>")]
        [Description("Seeds the random weights (default 42).")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        [CommandOption("--force")]
        [Description("Replace an adapter already in the folder.")]
        public bool Force { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON object: out, shape, preset, rank, bytes.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Shape == "" || Out == "" ? ValidationResult.Error("--shape and --out are required.") : ValidationResult.Success();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var shape = SyntheticShape.Named(settings.Shape);
        var preset = SyntheticAdapterPreset.Named(settings.Preset);
        long bytes = SyntheticAdapterMaker.Make(shape, preset, settings.Out, settings.Seed, settings.Force, cancellationToken);
        if (settings.Json)
            Console.Out.WriteLine(JsonSerializer.Serialize(new { @out = Path.GetFullPath(settings.Out), shape = shape.Name, preset = preset.Name, rank = preset.Rank, bytes }));
        else
            CommandConsoles.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {Path.GetFullPath(settings.Out)}: synthetic {preset.Name} adapter (r {preset.Rank} on {string.Join(", ", preset.Modules)}) for {shape.Name}, {bytes:N0} bytes of weights."));
        return Task.FromResult(0);
    }
}
