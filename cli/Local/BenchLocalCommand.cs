using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Pricer.Cli.Bench;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Data;
using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Local;

/// <summary>
/// <c>pricer bench local</c>: items/s and prompt tokens/s of the weighted method (one forward pass per item), one at
/// a time (<c>--parallel 1</c>) and batched, on whatever device the build's backend gives. The same command runs on a
/// GPU with a real model: build with <c>-p:PricerCuda=true</c> and pass <c>--gpu-layers -1</c>.
/// </summary>
public sealed class BenchLocalCommand : PricerCommand<BenchLocalCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--model <BASE.gguf>")]
        [Description("The GGUF model (default: the shared stories260K.gguf).")]
        public string? Model { get; init; }

        [CommandOption("--lora <ADAPTER.gguf>")]
        [Description("A GGUF LoRA adapter to apply.")]
        public string? Lora { get; init; }

        [CommandOption("--test <FILE>")]
        [Description("Items file whose test prompts are priced (default: generated prompts of about --prompt-tokens tokens).")]
        public string? Test { get; init; }

        [CommandOption("--items <N>")]
        [Description("Items priced per mode (default 64).")]
        [DefaultValue(64)]
        public int Items { get; init; } = 64;

        [CommandOption("--prompt-tokens <N>")]
        [Description("Approximate length of generated prompts (default 180, the course's prompts).")]
        [DefaultValue(180)]
        public int PromptTokens { get; init; } = 180;

        [CommandOption("--parallel <LIST>")]
        [Description("Items decoded together in the batched mode; several, comma-separated, measure each (default 16).")]
        [DefaultValue("16")]
        public string Parallel { get; init; } = "16";

        [CommandOption("--rounds <N>")]
        [Description("Measure every mode N times, in turn, and report each mode's median: steadier on a shared machine (default 1).")]
        [DefaultValue(1)]
        public int Rounds { get; init; } = 1;

        [CommandOption("--gpu-layers <N>")]
        [Description("Layers offloaded to the GPU (-1 all; default 0).")]
        public int GpuLayers { get; init; }

        [CommandOption("--context <N>")]
        [Description("Context per item (default 512, as the llama pricer's).")]
        public int Context { get; init; } = LlamaSettings.DefaultContext;

        [CommandOption("--threads <N>")]
        [Description("CPU threads (default: every core).")]
        public int? Threads { get; init; }

        [CommandOption("--flash-attention")]
        [Description("Turn flash attention on (faster on GPUs).")]
        public bool FlashAttention { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON object: model, and modes (one entry per mode).")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Threads is < 1 ? ValidationResult.Error("--threads must be at least 1.")
            : NumberList.Parse(Parallel) is null ? ValidationResult.Error("--parallel takes positive whole numbers separated by commas, e.g. 2,4,8.")
            : Rounds < 1 ? ValidationResult.Error("--rounds must be at least 1.")
            : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var modelPath = settings.Model ?? DefaultModel();
        GgufFile.Read(modelPath); // a missing or foreign model is named as the model, before its tokenizer is read
        var items = settings.Test is null
            ? GeneratedItems(modelPath, settings.Items, settings.PromptTokens)
            : ItemFiles.Load(settings.Test).Take(settings.Items).ToList();
        var baseSettings = new LlamaSettings
        {
            ModelPath = modelPath, LoraPath = settings.Lora, GpuLayers = settings.GpuLayers, Context = settings.Context,
            FlashAttention = settings.FlashAttention, Threads = settings.Threads,
        };
        (string Mode, int Parallel)[] modes = [("one at a time", 1), .. NumberList.Parse(settings.Parallel)!.Distinct().Select(p => ("batched", p))];
        // Rounds take the modes in turn, so a change in the machine's load falls on every mode alike.
        var runs = modes.Select(_ => new List<BenchRow>()).ToArray();
        for (int round = 0; round < settings.Rounds; round++)
            for (int m = 0; m < modes.Length; m++)
                runs[m].Add(await MeasureAsync(modes[m].Mode, baseSettings with { Parallel = modes[m].Parallel }, items, cancellationToken));
        var rows = runs.Select(Median).ToList();

        if (settings.Json)
            JsonOutput.Print(new { model = modelPath, modes = rows });
        else
        {
            var table = new Table().AddColumns("mode", "parallel", "items", "seconds", "items/s", "items/s, all rounds", "prompt tokens/s", "backend", "devices", "threads");
            foreach (var r in rows)
                table.AddTextRow(r.Mode, Text(r.Parallel), Text(r.Items), r.Seconds.ToString("0.00", CultureInfo.InvariantCulture),
                    r.ItemsPerSecond.ToString("0.000", CultureInfo.InvariantCulture),
                    string.Join(" ", r.ItemsPerSecondEachRound.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture))),
                    r.PromptTokensPerSecond.ToString("0.0", CultureInfo.InvariantCulture), r.Backend, r.Devices, Text(r.Threads));
            CommandConsoles.Out().Write(table);
            CommandConsoles.Out().WriteLine($"{Path.GetFileName(modelPath)}; weighted method (one forward pass per item); {rows[0].PromptTokens:N0} prompt tokens per mode; " +
                $"{settings.Rounds} round{(settings.Rounds == 1 ? "" : "s")}, the median shown.");
        }
        return 0;
    }

    private static async Task<BenchRow> MeasureAsync(string mode, LlamaSettings settings, IReadOnlyList<Item> items, CancellationToken ct)
    {
        await using var pricer = new LlamaPricer(LlamaModel.Load(settings), new LlamaPricingOptions(), cacheFolder: null);
        // Warm-up (the first decode allocates compute buffers); an item that does not fit is counted below, not fatal here.
        await foreach (var _ in pricer.PriceManyAsync(items.Take(1).ToList(), 1, ct)) { }
        long tokens = items.Sum(i => (long)pricer.Model.Tokenize(i.TestPrompt).Length);
        var clock = Stopwatch.StartNew();
        int failed = 0;
        await foreach (var result in pricer.PriceManyAsync(items, settings.Parallel, ct))
            if (result.Guess is null) failed++;
        double seconds = clock.Elapsed.TotalSeconds;
        if (failed > 0) CommandConsoles.Warn($"Warning: {mode}: {failed} of {items.Count} items failed (a prompt longer than --context {settings.Context}?); the figures include them.");
        return new BenchRow(mode, settings.Parallel, items.Count, tokens, seconds, items.Count / seconds, [items.Count / seconds], tokens / seconds,
            pricer.Model.Backend, string.Join(",", pricer.Model.Devices), pricer.Model.Threads);
    }

    /// <summary>The round of median time (the lower middle one of an even count), with every round's items/s.</summary>
    private static BenchRow Median(List<BenchRow> rounds) =>
        rounds.OrderBy(r => r.Seconds).ElementAt((rounds.Count - 1) / 2) with { ItemsPerSecondEachRound = [.. rounds.Select(r => r.ItemsPerSecond)] };

    private static string DefaultModel() =>
        ProjectPaths.Shared is { } shared && Path.Combine(shared, "models", "stories260K.gguf") is var path && File.Exists(path)
            ? path
            : throw new PricerException("Give --model BASE.gguf (the shared stories260K.gguf is not here).");

    // Simple words every vocabulary knows, as many as make about promptTokens tokens with this model's tokenizer.
    private static List<Item> GeneratedItems(string modelPath, int count, int promptTokens)
    {
        string[] words = ["little", "red", "ball", "happy", "dog", "park", "girl", "toy", "box", "blue", "big", "tree", "sun", "cat", "car"];
        string Words(int i, int n) => string.Join(" ", Enumerable.Range(0, n).Select(j => words[(i * 7 + j * 3) % words.Length]));
        double tokensPerWord;
        using (var tokenizer = GgufTokenizer.Load(modelPath))
            tokensPerWord = tokenizer.CountTokens(Words(0, 100)) / 100.0;
        int wordCount = Math.Max(1, (int)((promptTokens - 20) / tokensPerWord)); // ~20 tokens of question and "Price is $"
        return Enumerable.Range(0, count).Select(i =>
        {
            var text = Words(i, wordCount);
            return new Item { Title = $"Item {i}", Price = 10 + i, Prompt = $"{Item.Question}\n\n{text}\n\n{Item.Prefix}{10 + i}.00" };
        }).ToList();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record BenchRow(string Mode, int Parallel, int Items, long PromptTokens, double Seconds, double ItemsPerSecond,
        double[] ItemsPerSecondEachRound, double PromptTokensPerSecond, string Backend, string Devices, int Threads);
}
