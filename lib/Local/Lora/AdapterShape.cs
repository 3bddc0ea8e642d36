using PricerLib.Local.Safetensors;

namespace PricerLib.Local.Lora;

/// <summary>The input and output width of one adapted projection (PyTorch's <c>in_features</c>, <c>out_features</c>).</summary>
/// <param name="In">Input width: a LoRA A is [r, In].</param>
/// <param name="Out">Output width: a LoRA B is [Out, r].</param>
public readonly record struct ModuleWidths(long In, long Out);

/// <summary>
/// What a PEFT LoRA adapter must hold: its rank and alpha, and one A/B pair for each module of each layer, with
/// PEFT's tensor names and shapes. Used to check a downloaded adapter before it is kept.
/// </summary>
/// <param name="Rank">PEFT's <c>r</c>.</param>
/// <param name="Alpha">PEFT's <c>lora_alpha</c>.</param>
/// <param name="Layers">Layers 0 … Layers−1 are adapted.</param>
/// <param name="Modules">The adapted modules (PEFT's names, e.g. <c>q_proj</c>) and their widths.</param>
public sealed record AdapterShape(int Rank, float Alpha, int Layers, IReadOnlyDictionary<string, ModuleWidths> Modules)
{
    /// <summary>The attention projections (the 2024 course's and the 2025 lite adapter's targets).</summary>
    public static IReadOnlyList<string> Attention { get; } = ["q_proj", "k_proj", "v_proj", "o_proj"];

    /// <summary>The attention and MLP projections (the 2025 course's full adapter's targets).</summary>
    public static IReadOnlyList<string> AttentionAndMlp { get; } = [.. Attention, "gate_proj", "up_proj", "down_proj"];

    /// <summary>
    /// Llama 3.1 8B's projections (hidden 4,096, 32 heads, 8 key/value heads of 128, MLP 14,336, 32 layers) with
    /// <paramref name="modules"/> adapted.
    /// </summary>
    public static AdapterShape Llama31For8B(int rank, float alpha, IReadOnlyList<string> modules) =>
        Llama(hidden: 4096, keyValue: 1024, mlp: 14336, layers: 32, rank, alpha, modules);

    /// <summary>
    /// Llama 3.2 3B's projections (hidden 3,072, 24 heads, 8 key/value heads of 128, MLP 8,192, 28 layers) with
    /// <paramref name="modules"/> adapted.
    /// </summary>
    public static AdapterShape Llama32For3B(int rank, float alpha, IReadOnlyList<string> modules) =>
        Llama(hidden: 3072, keyValue: 1024, mlp: 8192, layers: 28, rank, alpha, modules);

    private static AdapterShape Llama(long hidden, long keyValue, long mlp, int layers, int rank, float alpha, IReadOnlyList<string> modules)
    {
        var widths = new Dictionary<string, ModuleWidths>
        {
            ["q_proj"] = new(hidden, hidden), ["k_proj"] = new(hidden, keyValue), ["v_proj"] = new(hidden, keyValue), ["o_proj"] = new(hidden, hidden),
            ["gate_proj"] = new(hidden, mlp), ["up_proj"] = new(hidden, mlp), ["down_proj"] = new(mlp, hidden),
        };
        return new AdapterShape(rank, alpha, layers, modules.ToDictionary(m => m, m => widths[m]));
    }

    /// <summary>The weights' size in bytes as F32 (PEFT's usual save type): every A and B element, 4 bytes each.</summary>
    public long F32Bytes => 4L * Layers * Modules.Values.Sum(w => Rank * (w.In + w.Out));

    /// <summary>The number of tensors the weights file holds: an A and a B per module and layer.</summary>
    public int TensorCount => 2 * Layers * Modules.Count;

    /// <summary>Checks the config's rank, alpha and target modules.</summary>
    /// <returns>Null when they match, else what differs.</returns>
    public string? Mismatch(PeftAdapterConfig config)
    {
        if (config.Rank != Rank) return $"r is {config.Rank}, not {Rank}";
        if (config.Alpha != Alpha) return $"lora_alpha is {config.Alpha}, not {Alpha}";
        if (!config.TargetModules.ToHashSet().SetEquals(Modules.Keys))
            return $"target_modules are [{string.Join(", ", config.TargetModules)}], not [{string.Join(", ", Modules.Keys)}]";
        return null;
    }

    /// <summary>Checks the weights' tensor names, shapes and dtypes (their byte ranges are checked when the header is read).</summary>
    /// <returns>Null when they match, else the first difference.</returns>
    public string? Mismatch(SafetensorsFile weights)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (int layer = 0; layer < Layers; layer++)
            foreach (var (module, widths) in Modules)
            {
                var prefix = PeftAdapterWriter.ModulePrefix(layer, module);
                if (Check(weights, prefix + ".lora_A.weight", [Rank, widths.In]) is { } a) return a;
                if (Check(weights, prefix + ".lora_B.weight", [widths.Out, Rank]) is { } b) return b;
                expected.Add(prefix + ".lora_A.weight");
                expected.Add(prefix + ".lora_B.weight");
            }
        return weights.Tensors.Keys.FirstOrDefault(name => !expected.Contains(name)) is { } extra
            ? $"it holds {extra}, which is not one of the {TensorCount} LoRA tensors expected"
            : null;
    }

    private static string? Check(SafetensorsFile weights, string name, long[] shape)
    {
        if (!weights.Tensors.TryGetValue(name, out var tensor)) return $"it has no {name}";
        if (!tensor.Shape.SequenceEqual(shape)) return $"{name} is [{string.Join(", ", tensor.Shape)}], not [{string.Join(", ", shape)}]";
        return SafetensorsFile.Encoding(tensor.DType) is null ? $"{name} is {tensor.DType}, not F32, F16 or BF16" : null;
    }
}
