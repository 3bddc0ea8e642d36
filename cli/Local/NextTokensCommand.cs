using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Pricer.Cli.Commands;
using PricerLib.Evaluation;
using PricerLib.Local;
using PricerLib.Local.Gguf;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary><c>pricer next-tokens</c>: the next-token candidates with their probabilities, as the course's day 5 shows them.</summary>
public sealed class NextTokensCommand : PricerCommand<NextTokensCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--model <BASE.gguf>")]
        [Description("The GGUF model.")]
        public string Model { get; init; } = "";

        [CommandOption("--lora <ADAPTER.gguf>")]
        [Description("A GGUF LoRA adapter (validated against the model first).")]
        public string? Lora { get; init; }

        [CommandOption("--lora-scale <S>")]
        [Description("The adapter's scale (default 1).")]
        [DefaultValue(1f)]
        public float LoraScale { get; init; } = 1f;

        [CommandOption("--prompt <TEXT>")]
        [Description("The prompt, tokenized with BOS and no chat template.")]
        public string Prompt { get; init; } = "";

        [CommandOption("--top-k <K>")]
        [Description("How many candidates (default 10).")]
        [DefaultValue(10)]
        public int TopK { get; init; } = 10;

        [CommandOption("--gpu-layers <N>")]
        [Description("Layers offloaded to the GPU (default 0).")]
        public int GpuLayers { get; init; }

        [CommandOption("--context <N>")]
        [Description("Context in tokens; the prompt must fit (default: the model's trained context, at most 2048).")]
        public int? Context { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON object: promptTokens and candidates [{token, text, probability}].")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Model == "" ? ValidationResult.Error("--model is required.")
            : TopK < 1 ? ValidationResult.Error("--top-k must be at least 1.")
            : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var model = LlamaModel.Load(new LlamaSettings
        {
            ModelPath = settings.Model, LoraPath = settings.Lora, LoraScale = settings.LoraScale,
            GpuLayers = settings.GpuLayers, Parallel = 1,
            Context = settings.Context ?? Math.Min(2048, LlamaShape.Of(GgufFile.Read(settings.Model)).TrainedContext),
        });
        var tokens = model.Tokenize(settings.Prompt);
        var logits = await model.NextTokenLogitsAsync([tokens], cancellationToken);
        return Print(settings, tokens.Length, model.Candidates(logits[0], settings.TopK));
    }

    private static int Print(Settings settings, int promptTokens, IReadOnlyList<TokenCandidate> candidates)
    {
        if (settings.Json)
        {
            JsonOutput.Print(new
            {
                promptTokens,
                candidates = candidates.Select(c => new { token = c.Token, text = c.Text, probability = c.Probability }),
            });
            return 0;
        }
        var table = new Table().AddColumns("rank", "token", "text", "probability");
        int rank = 1;
        foreach (var c in candidates)
            table.AddTextRow((rank++).ToString(CultureInfo.InvariantCulture), c.Token.ToString(CultureInfo.InvariantCulture),
                Quoted(c.Text), c.Probability.ToString("0.0000", CultureInfo.InvariantCulture));
        CommandConsoles.Out().Write(table);
        return 0;
    }

    // A token's text in quotes, its characters as they are ("'", "©"); only control characters and quotes are escaped,
    // so a leading space or a newline token stays visible.
    private static string Quoted(string text) => JsonSerializer.Serialize(text, EvaluationJson.Options);
}
