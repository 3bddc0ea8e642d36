using PricerLib.Local.Gguf;

namespace PricerLib.Local.Lora;

/// <summary>A GGUF LoRA adapter that passed <see cref="LoraAdapterValidator"/>.</summary>
/// <param name="Path">The adapter file.</param>
/// <param name="Alpha"><c>adapter.lora.alpha</c>, or null (llama.cpp then applies the scale alone).</param>
/// <param name="Rank">r, from the first pair.</param>
/// <param name="Pairs">Number of A/B pairs.</param>
public sealed record LoraAdapterInfo(string Path, float? Alpha, int Rank, int Pairs);

/// <summary>An adapter that llama.cpp would refuse (and then crash on) or misapply.</summary>
public sealed class InvalidLoraAdapterException(string message) : LocalModelException(message);

/// <summary>
/// Checks a GGUF LoRA adapter against its base exactly as llama.cpp's loader does, before llama.cpp sees it: llama.cpp
/// only logs why it refuses an adapter, hands back a null adapter, and the next decode crashes the process; an
/// <c>adapter.lora.alpha</c> of the wrong type aborts it outright.
/// </summary>
public static class LoraAdapterValidator
{
    /// <summary>Validates <paramref name="adapterPath"/> for <paramref name="baseModel"/>.</summary>
    /// <exception cref="LocalModelException">Missing or not GGUF; <see cref="InvalidLoraAdapterException"/> when it does not fit the base.</exception>
    public static LoraAdapterInfo Validate(string adapterPath, GgufFile baseModel)
    {
        if (File.Exists(Path.Combine(adapterPath, "adapter_config.json")))
            throw new InvalidLoraAdapterException($"{adapterPath} is a PEFT adapter folder; llama.cpp takes a GGUF adapter. Convert it once with " +
                $"`pricer convert-lora --adapter {adapterPath} --base {baseModel.Path} --out adapter.gguf`, then give --lora adapter.gguf.");
        var adapter = GgufFile.Read(adapterPath);
        string Where(string what) => $"LoRA adapter {adapterPath}: {what}";
        RequireString(adapter, "general.type", "adapter", Where);
        RequireString(adapter, "adapter.type", "lora", Where);
        var architecture = adapter.Metadata.TryGetValue("general.architecture", out var arch) ? arch : null;
        if (architecture?.Type != GgufValueType.String || (string)architecture.Value != baseModel.Architecture)
            throw new InvalidLoraAdapterException(Where($"general.architecture is {Describe(architecture)}, but the base model is '{baseModel.Architecture}'."));
        float? alpha = null;
        if (adapter.Metadata.TryGetValue("adapter.lora.alpha", out var alphaValue))
        {
            if (alphaValue.Type != GgufValueType.Float32)
                throw new InvalidLoraAdapterException(Where($"adapter.lora.alpha is stored as {alphaValue.Type}; llama.cpp requires f32 (it aborts otherwise)."));
            alpha = (float)alphaValue.Value;
        }

        long fileLength = new FileInfo(adapterPath).Length;
        var pairs = new Dictionary<string, (GgufTensorInfo? A, GgufTensorInfo? B)>(StringComparer.Ordinal);
        foreach (var tensor in adapter.Tensors)
        {
            bool isA = tensor.Name.EndsWith(".lora_a", StringComparison.Ordinal);
            if (!isA && !tensor.Name.EndsWith(".lora_b", StringComparison.Ordinal))
                throw new InvalidLoraAdapterException(Where($"tensor {tensor.Name} is neither <base tensor>.lora_a nor .lora_b."));
            if (tensor.ByteSize is not { } size || adapter.DataOffset + (long)tensor.Offset + size > fileLength)
                throw new InvalidLoraAdapterException(Where($"tensor {tensor.Name} ({tensor.Type}) has an unknown type or ends past the end of the file."));
            string baseName = tensor.Name[..^".lora_a".Length];
            pairs.TryGetValue(baseName, out var pair);
            pairs[baseName] = isA ? pair with { A = tensor } : pair with { B = tensor };
        }
        if (pairs.Count == 0) throw new InvalidLoraAdapterException(Where("it holds no LoRA tensors."));

        int? rank = null;
        foreach (var (baseName, (a, b)) in pairs)
        {
            if (a is null || b is null) throw new InvalidLoraAdapterException(Where($"{baseName} has lora_{(a is null ? "b" : "a")} without its lora_{(a is null ? "a" : "b")}."));
            if (!baseModel.TensorsByName.TryGetValue(baseName, out var weight))
                throw new InvalidLoraAdapterException(Where($"it adapts {baseName}, which the base model does not have."));
            if (baseName == "token_embd.weight")
                throw new InvalidLoraAdapterException(Where("LoRA on the token embeddings is not supported."));
            if (a.Shape.Count != 2 || b.Shape.Count != 2 || weight.Shape.Count != 2)
                throw new InvalidLoraAdapterException(Where($"{baseName}: lora_a, lora_b and the base weight must be matrices."));
            if (a.Shape[0] != weight.Shape[0] || b.Shape[1] != weight.Shape[1])
                throw new InvalidLoraAdapterException(Where($"{baseName} is {weight.ShapeText} in the base but lora_a is {a.ShapeText} and lora_b {b.ShapeText} (expected [{weight.Shape[0]}, r] and [r, {weight.Shape[1]}]; transposed?)."));
            if (a.Shape[1] != b.Shape[0])
                throw new InvalidLoraAdapterException(Where($"{baseName}: lora_a's rank {a.Shape[1]} differs from lora_b's {b.Shape[0]}."));
            rank ??= (int)b.Shape[0];
        }
        return new LoraAdapterInfo(adapterPath, alpha, rank!.Value, pairs.Count);
    }

    private static void RequireString(GgufFile adapter, string key, string expected, Func<string, string> where)
    {
        adapter.Metadata.TryGetValue(key, out var value);
        if (value?.Type != GgufValueType.String || (string)value.Value != expected)
            throw new InvalidLoraAdapterException(where($"{key} is {Describe(value)}, expected the string '{expected}' (is this a LoRA adapter?)."));
    }

    private static string Describe(GgufValue? value) => value switch
    {
        null => "missing",
        { Type: GgufValueType.String } => $"'{value.Value}'",
        _ => $"a {value.Type} ({value})",
    };
}
