using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary><c>pricer convert-lora</c>: PEFT → GGUF LoRA adapter, checked against the base, then validated as llama.cpp would.</summary>
public sealed class ConvertLoraCommand : PricerCommand<ConvertLoraCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--adapter <DIR>")]
        [Description("The folder PEFT saved the adapter in (adapter_config.json, adapter_model.safetensors).")]
        public string Adapter { get; init; } = "";

        [CommandOption("--base <BASE.gguf>")]
        [Description("The GGUF base model the adapter was trained for (only its header is read).")]
        public string Base { get; init; } = "";

        [CommandOption("--out <ADAPTER.gguf>")]
        [Description("The GGUF adapter to write.")]
        public string Out { get; init; } = "";

        [CommandOption("--type <TYPE>")]
        [Description("Tensor type: F32 (default, as llama.cpp's converter), F16 or BF16.")]
        [DefaultValue("F32")]
        public string Type { get; init; } = "F32";

        [CommandOption("--json")]
        [Description("Print one JSON object: out, architecture, rank, alpha, pairs, bytes.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Adapter == "" || Base == "" || Out == "" ? ValidationResult.Error("--adapter, --base and --out are required.")
            : Enum.TryParse<GgmlType>(Type, ignoreCase: true, out var t) && GgmlTypes.IsFloat(t) ? ValidationResult.Success()
            : ValidationResult.Error("--type must be F32, F16 or BF16.");
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var type = Enum.Parse<GgmlType>(settings.Type, ignoreCase: true);
        var result = LoraConverter.Convert(settings.Adapter, settings.Base, settings.Out, type);
        LoraAdapterValidator.Validate(result.OutputPath, GgufFile.Read(settings.Base));
        if (settings.Json)
        {
            JsonOutput.Print(new
            {
                @out = result.OutputPath, architecture = result.Architecture, rank = result.Rank, alpha = result.Alpha,
                pairs = result.Pairs.Count, bytes = result.Bytes,
            });
            return Task.FromResult(0);
        }
        var table = new Table().AddColumns("base tensor", "module", "lora_a", "lora_b", "q/k permuted");
        foreach (var p in result.Pairs)
            table.AddTextRow(p.BaseTensor, p.Module, $"[{string.Join(", ", p.ShapeA)}]", $"[{string.Join(", ", p.ShapeB)}]", p.Permuted ? "yes" : "");
        var console = CommandConsoles.Out();
        console.Write(table);
        console.WriteLine($"Wrote {result.OutputPath}: {result.Pairs.Count} LoRA pairs, r {result.Rank}, alpha {result.Alpha}, {type}, {result.Bytes:N0} bytes.");
        return Task.FromResult(0);
    }
}
