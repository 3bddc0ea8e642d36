using PricerLib.Local.Lora;
using PricerLib.Local.Safetensors;

namespace PricerLib.Local.Synthetic;

/// <summary>A LoRA configuration to make: rank, alpha and the adapted projections (PEFT's module names).</summary>
/// <param name="Name">As on the command line.</param>
/// <param name="Rank">PEFT's <c>r</c>.</param>
/// <param name="Alpha">PEFT's <c>lora_alpha</c>.</param>
/// <param name="Modules">PEFT's <c>target_modules</c>.</param>
public sealed record SyntheticAdapterPreset(string Name, int Rank, float Alpha, IReadOnlyList<string> Modules)
{
    /// <summary>The course's 2024 QLoRA adapter: r 32, alpha 64 on the attention projections (109 MB in F32 on 8B).</summary>
    public static SyntheticAdapterPreset Course2024 { get; } = new("course-2024", 32, 64f, ["q_proj", "v_proj", "k_proj", "o_proj"]);

    /// <summary>
    /// The 2025 edition's full adapter: r 256 on all seven projections. Its alpha here is 2·r (as 2024's): alpha only
    /// scales the values, never the work.
    /// </summary>
    public static SyntheticAdapterPreset Course2025Full { get; } = new("course-2025-full", 256, 512f,
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]);

    /// <summary>Every preset <c>make-adapter</c> knows.</summary>
    public static IReadOnlyList<SyntheticAdapterPreset> Known { get; } = [Course2024, Course2025Full];

    /// <summary>The known preset called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="SyntheticModelException">No such preset; the message lists the known ones.</exception>
    public static SyntheticAdapterPreset Named(string name) =>
        Known.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SyntheticModelException($"Unknown adapter preset '{name}'. Known presets: {string.Join(", ", Known.Select(p => p.Name))}.");
}

/// <summary>
/// Makes a PEFT LoRA adapter folder (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>, F32 as PEFT saves
/// it) for a synthetic shape, with seeded random A and B (PEFT starts B at zero; a trained B is not, and the work is
/// the same either way), streamed so that the 8B r 256 adapter (2.7 GB) never sits in memory.
/// </summary>
public static class SyntheticAdapterMaker
{
    private const float Deviation = 0.01f;

    /// <summary>Writes the adapter into <paramref name="folder"/>; on failure or cancellation its files are not left half written.</summary>
    /// <exception cref="SyntheticModelException">The folder already holds an adapter (without <paramref name="force"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static long Make(SyntheticShape shape, SyntheticAdapterPreset preset, string folder, int seed = 42, bool force = false,
        CancellationToken cancellationToken = default)
    {
        var weightsPath = Path.Combine(folder, LoraConverter.WeightsFileName);
        var configPath = Path.Combine(folder, PeftAdapterConfig.FileName);
        if (!force && (File.Exists(weightsPath) || File.Exists(configPath)))
            throw new SyntheticModelException($"{folder} already holds an adapter; pass --force to replace it.");
        Directory.CreateDirectory(folder);

        var tensors = new Dictionary<string, SafetensorsWriter.StreamedTensor>(StringComparer.Ordinal);
        for (int layer = 0; layer < shape.Layers; layer++)
            foreach (var module in preset.Modules)
            {
                var (inputs, outputs) = Widths(shape, module);
                var prefix = PeftAdapterWriter.ModulePrefix(layer, module);
                Add(tensors, prefix + ".lora_A.weight", [preset.Rank, inputs], seed, cancellationToken);
                Add(tensors, prefix + ".lora_B.weight", [outputs, preset.Rank], seed, cancellationToken);
            }
        var partial = weightsPath + ".partial";
        try
        {
            File.Delete(configPath); // a config beside half the weights would look like an adapter
            SafetensorsWriter.Write(partial, tensors, new Dictionary<string, string> { ["format"] = "pt" });
            File.Move(partial, weightsPath, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        new PeftAdapterConfig(preset.Rank, preset.Alpha, $"synthetic {shape.Name}", preset.Modules).Write(folder);
        return new FileInfo(weightsPath).Length;
    }

    private static void Add(Dictionary<string, SafetensorsWriter.StreamedTensor> tensors, string name, long[] shape, int seed, CancellationToken ct) =>
        tensors[name] = new SafetensorsWriter.StreamedTensor(shape, FloatEncoding.F32,
            stream => SeededWeights.Write(stream, shape[0] * shape[1], FloatEncoding.F32, seed, name, Deviation, ct));

    /// <summary>A projection's input and output widths (PyTorch's in_features, out_features) in <paramref name="shape"/>.</summary>
    public static (long In, long Out) Widths(SyntheticShape shape, string module) => module switch
    {
        "q_proj" => (shape.Embedding, shape.QueryWidth),
        "k_proj" or "v_proj" => (shape.Embedding, shape.KvWidth),
        "o_proj" => (shape.QueryWidth, shape.Embedding),
        "gate_proj" or "up_proj" => (shape.Embedding, shape.FeedForward),
        "down_proj" => (shape.FeedForward, shape.Embedding),
        _ => throw new ArgumentException($"Unknown projection {module}.", nameof(module)),
    };
}
