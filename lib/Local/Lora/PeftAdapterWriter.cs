using PricerLib.Local.Gguf;
using PricerLib.Local.Safetensors;

namespace PricerLib.Local.Lora;

/// <summary>
/// Writes a PEFT LoRA adapter folder (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>) with the tensor
/// names and shapes PEFT uses for a Llama base, so that tests and notebooks can make adapters with known values for
/// the tiny models (no trained adapter fits them).
/// </summary>
public static class PeftAdapterWriter
{
    /// <summary>PEFT's tensor name prefix for a Hugging Face module, e.g. <c>(0, "q_proj")</c> → <c>base_model.model.model.layers.0.self_attn.q_proj</c>.</summary>
    public static string ModulePrefix(int? layer, string module) => module switch
    {
        "lm_head" => "base_model.model.lm_head",
        "q_proj" or "k_proj" or "v_proj" or "o_proj" => $"base_model.model.model.layers.{layer}.self_attn.{module}",
        "gate_proj" or "up_proj" or "down_proj" => $"base_model.model.model.layers.{layer}.mlp.{module}",
        _ => throw new ArgumentException($"Unknown module {module}.", nameof(module)),
    };

    /// <summary>
    /// Writes an adapter of rank <paramref name="config"/>.Rank on <paramref name="modules"/> of every layer in
    /// <paramref name="layers"/> (<c>lm_head</c> once), with shapes from <paramref name="baseModel"/> and values from
    /// <paramref name="values"/> (given the tensor name and its element count; e.g. seeded random numbers or zeros for B).
    /// </summary>
    public static void Write(string folder, PeftAdapterConfig config, GgufFile baseModel, IEnumerable<int> layers,
        IReadOnlyList<string> modules, Func<string, int, float[]> values)
    {
        var tensors = new Dictionary<string, SafetensorsWriter.Tensor>(StringComparer.Ordinal);
        var layerList = layers.ToList();
        foreach (var module in modules)
            foreach (int? layer in module == "lm_head" ? [null] : layerList.Select(l => (int?)l))
            {
                var prefix = ModulePrefix(layer, module);
                var baseName = PeftTensorName.Parse(prefix + ".lora_A.weight").BaseTensor;
                if (!baseModel.TensorsByName.TryGetValue(baseName, out var weight))
                    throw new LoraConversionException($"The base model has no {baseName} to adapt.");
                long nIn = weight.Shape[0], nOut = weight.Shape[1], r = config.Rank;
                tensors[prefix + ".lora_A.weight"] = new([r, nIn], values(prefix + ".lora_A.weight", (int)(r * nIn)));
                tensors[prefix + ".lora_B.weight"] = new([nOut, r], values(prefix + ".lora_B.weight", (int)(nOut * r)));
            }
        Directory.CreateDirectory(folder);
        config.Write(folder);
        SafetensorsWriter.Write(Path.Combine(folder, LoraConverter.WeightsFileName), tensors,
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>Seeded uniform values in [-scale, scale): a deterministic stand-in for trained weights.</summary>
    public static Func<string, int, float[]> Random(int seed, float scale) => (name, count) =>
    {
        var random = new System.Random(HashCode.Combine(seed, StableHash(name)));
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
    };

    // string.GetHashCode is randomised per process; the values must not be.
    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));
}
