using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Local.Synthetic;
using PricerLib.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary><c>pricer make-model</c>: a GGUF of a real Llama 3.x shape with seeded random weights, for speed measurements.</summary>
public sealed class MakeModelCommand : PricerCommand<MakeModelCommand.Settings>
{
    public sealed class Settings : SyntheticSettings
    {
        [CommandOption("--type <TYPE>")]
        [Description("f16, q8_0 or q4_k_m (default; quantised by llama.cpp from an F16 intermediate).")]
        [DefaultValue("q4_k_m")]
        public string Type { get; init; } = "q4_k_m";

        [CommandOption("--tokenizer <FILE>")]
        [Description("Meta's Llama 3 tokenizer.model (default: PRICER_TOKENIZER, the one download-tokenizer fetched, or ../shared's).")]
        public string? Tokenizer { get; init; }
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var shape = SyntheticShape.Named(settings.Shape);
        var type = SyntheticModelType.Named(settings.Type);
        var request = new SyntheticModelRequest(shape, type, settings.Out, TokenizerPath(settings.Tokenizer), settings.Seed, settings.Force);
        if (!settings.Json)
            CommandConsoles.Error().WriteLine($"Making {shape.Name} ({shape.ParameterCount:N0} weights, seed {settings.Seed}) as {type.Name}…");
        var model = SyntheticModelMaker.Make(request, cancellationToken);
        if (settings.Json)
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                @out = model.Path, shape = shape.Name, type = type.Name, bytes = model.Bytes, parameters = model.Parameters, seconds = model.Seconds,
            }));
        else
            CommandConsoles.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {model.Path}: synthetic {shape.Name}, {type.Name}, {model.Bytes:N0} bytes in {model.Seconds:0.0} s. Random weights: for speed only."));
        return Task.FromResult(0);
    }

    // A tiktoken tokenizer.model: the one named, else the settings' (when not a GGUF), the downloaded one, or ../shared's.
    private static string TokenizerPath(string? given)
    {
        if (!string.IsNullOrEmpty(given)) return given;
        var settings = WorkbookSettings.Current;
        string?[] candidates =
        [
            settings.Tokenizer is { } t && !t.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? t : null,
            LlamaTokenizerDownloader.CachedModelPath(settings.Cache),
            ProjectPaths.Shared is { } shared ? Path.Combine(shared, "models", "llama3-tokenizer", "tokenizer.model") : null,
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new TokenizerLoadException("No Llama 3 tokenizer.model found: run `pricer download-tokenizer` or pass --tokenizer.");
    }
}
