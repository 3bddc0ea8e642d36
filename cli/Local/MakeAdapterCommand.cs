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
    public sealed class Settings : SyntheticSettings
    {
        [CommandOption("--preset <PRESET>")]
        [Description("course-2024 (r 32 on q/k/v/o, default) or course-2025-full (r 256 on all seven projections).")]
        [DefaultValue("course-2024")]
        public string Preset { get; init; } = "course-2024";
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
