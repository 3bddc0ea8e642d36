using PricerLib.Local.Gguf;
using PricerLib.Local.Safetensors;

namespace PricerLib.Local.Lora;

/// <summary>One converted LoRA pair.</summary>
/// <param name="BaseTensor">The adapted base weight, e.g. <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Module">PEFT's module name.</param>
/// <param name="ShapeA">ggml shape of <c>lora_a</c>: [n_in, r].</param>
/// <param name="ShapeB">ggml shape of <c>lora_b</c>: [r, n_out].</param>
/// <param name="Permuted">True where B's rows got the rotary permutation (q and k).</param>
public sealed record ConvertedLoraPair(string BaseTensor, string Module, long[] ShapeA, long[] ShapeB, bool Permuted);

/// <summary>What <see cref="LoraConverter.Convert"/> wrote.</summary>
/// <param name="OutputPath">The GGUF adapter.</param>
/// <param name="Architecture">Copied from the base.</param>
/// <param name="Rank">The adapter's rank r.</param>
/// <param name="Alpha">lora_alpha, stored as f32.</param>
/// <param name="Pairs">Every converted pair, in layer and module order.</param>
/// <param name="Bytes">Size of the written file.</param>
public sealed record LoraConversion(string OutputPath, string Architecture, int Rank, float Alpha, IReadOnlyList<ConvertedLoraPair> Pairs, long Bytes);

/// <summary>
/// PEFT LoRA adapter (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>) → llama.cpp GGUF LoRA adapter,
/// as llama.cpp's <c>convert_lora_to_gguf.py</c> writes it: <c>general.type = adapter</c>, <c>adapter.type = lora</c>,
/// <c>general.architecture</c> from the base, <c>adapter.lora.alpha</c> as f32; tensors <c>&lt;base&gt;.lora_a</c>
/// (ggml [n_in, r], PEFT's A bytes unchanged) and <c>.lora_b</c> ([r, n_out]); q/k B rows permuted like the base's.
/// Every shape is checked against the base first, so a wrong adapter never reaches llama.cpp. Tensors are read,
/// permuted and written one at a time as the file is written, so a 1.5 GB adapter never sits in memory.
/// </summary>
public static class LoraConverter
{
    /// <summary>The file name PEFT gives the weights.</summary>
    public const string WeightsFileName = "adapter_model.safetensors";

    /// <summary>Converts the adapter in <paramref name="adapterFolder"/> for <paramref name="basePath"/> into <paramref name="outputPath"/>.</summary>
    /// <param name="adapterFolder">PEFT's save folder.</param>
    /// <param name="basePath">The GGUF base model (only its header is read).</param>
    /// <param name="outputPath">The GGUF adapter to write.</param>
    /// <param name="tensorType">F32 (default, as llama.cpp's converter), F16 or BF16. F16 LoRA matmuls in llama.cpp also round the activations (logits move by ~1e-2).</param>
    /// <exception cref="LocalModelException">The base is not a usable Llama GGUF, or the adapter cannot be converted for it (<see cref="LoraConversionException"/>).</exception>
    public static LoraConversion Convert(string adapterFolder, string basePath, string outputPath, GgmlType tensorType = GgmlType.F32)
    {
        if (!GgmlTypes.IsFloat(tensorType)) throw new LoraConversionException($"Adapter tensors are written as F32, F16 or BF16, not {tensorType}.");
        var config = PeftAdapterConfig.Read(adapterFolder);
        var weightsPath = Path.Combine(adapterFolder, WeightsFileName);
        if (!File.Exists(weightsPath))
            throw new LoraConversionException($"{weightsPath} does not exist (older PEFT versions saved adapter_model.bin, which is not read: re-save with safe_serialization).");
        var model = GgufFile.Read(basePath);
        var shape = LlamaShape.Of(model);
        var weights = SafetensorsFile.Read(weightsPath);

        var writer = new GgufWriter()
            .Add("general.architecture", GgufValue.String(shape.Architecture))
            .Add("general.type", GgufValue.String("adapter"))
            .Add("general.name", GgufValue.String(config.BaseModel is null ? "LoRA adapter" : $"LoRA adapter for {config.BaseModel}"))
            .Add("adapter.type", GgufValue.String("lora"))
            .Add("adapter.lora.alpha", GgufValue.Float32(config.Alpha));
        var pairs = new List<ConvertedLoraPair>();
        foreach (var pair in Pair(weights))
            pairs.Add(AddPair(writer, pair, weights, model, shape, tensorType));
        if (pairs.Count == 0) throw new LoraConversionException($"{weightsPath} holds no LoRA tensors.");
        writer.Write(outputPath);
        var rank = (int)pairs[0].ShapeB[0];
        return new LoraConversion(outputPath, shape.Architecture, rank, config.Alpha, pairs, new FileInfo(outputPath).Length);
    }

    private static IEnumerable<(PeftTensorName A, SafetensorsTensor TensorA, PeftTensorName B, SafetensorsTensor TensorB)> Pair(SafetensorsFile weights)
    {
        var byBase = weights.Tensors.Values
            .Select(t => (Name: PeftTensorName.Parse(t.Name), Tensor: t))
            .GroupBy(x => x.Name.BaseTensor, StringComparer.Ordinal)
            .OrderBy(g => SortKey(g.Key));
        foreach (var group in byBase)
        {
            var a = group.Where(x => x.Name.IsA).ToList();
            var b = group.Where(x => !x.Name.IsA).ToList();
            if (a.Count != 1 || b.Count != 1)
                throw new LoraConversionException($"Adapter tensors for {group.Key}: expected one lora_A and one lora_B, found {a.Count} and {b.Count}.");
            yield return (a[0].Name, a[0].Tensor, b[0].Name, b[0].Tensor);
        }
    }

    // Layer number, then name: blk.2 before blk.10, output last.
    private static (int, string) SortKey(string baseTensor) =>
        baseTensor.StartsWith("blk.", StringComparison.Ordinal) && int.TryParse(baseTensor.Split('.')[1], out var layer)
            ? (layer, baseTensor)
            : (int.MaxValue, baseTensor);

    private static ConvertedLoraPair AddPair(GgufWriter writer,
        (PeftTensorName A, SafetensorsTensor TensorA, PeftTensorName B, SafetensorsTensor TensorB) pair,
        SafetensorsFile weights, GgufFile model, LlamaShape shape, GgmlType tensorType)
    {
        var (nameA, tensorA, nameB, tensorB) = pair;
        if (!model.TensorsByName.TryGetValue(nameA.BaseTensor, out var baseTensor))
            throw new LoraConversionException($"Adapter tensor {tensorA.Name} adapts {nameA.BaseTensor}, which the base model {model.Path} does not have (another model's adapter?).");
        if (tensorA.Shape.Count != 2 || tensorB.Shape.Count != 2 || baseTensor.Shape.Count != 2)
            throw new LoraConversionException($"{nameA.BaseTensor}: LoRA A, B and the base weight must all be matrices.");
        long nIn = baseTensor.Shape[0], nOut = baseTensor.Shape[1];
        long rank = tensorA.Shape[0];
        if (tensorA.Shape[1] != nIn || tensorB.Shape[0] != nOut || tensorB.Shape[1] != rank)
            throw new LoraConversionException(
                $"{nameA.BaseTensor} is [{nOut}, {nIn}] (out, in) in the base, but the adapter's A is [{string.Join(", ", tensorA.Shape)}] and B [{string.Join(", ", tensorB.Shape)}]; " +
                $"expected A [r, {nIn}] and B [{nOut}, r]: an adapter for another model?");

        foreach (var tensor in new[] { tensorA, tensorB })
            if (SafetensorsFile.Encoding(tensor.DType) is null)
                throw new LoraConversionException($"Adapter tensor {tensor.Name} is {tensor.DType}; only F32, F16 and BF16 are read.");
        int? heads = nameA.Module switch { "q_proj" => shape.Heads, "k_proj" => shape.KvHeads, _ => null };

        long[] shapeA = [nIn, rank], shapeB = [rank, nOut];
        writer.AddTensor(nameA.AdapterTensor, shapeA, tensorType, () => weights.ReadFloats(tensorA.Name));
        writer.AddTensor(nameB.AdapterTensor, shapeB, tensorType, () => heads is { } h
            ? RopePermutation.Permute(weights.ReadFloats(tensorB.Name), (int)nOut, (int)rank, h)
            : weights.ReadFloats(tensorB.Name));
        return new ConvertedLoraPair(nameA.BaseTensor, nameA.Module, shapeA, shapeB, heads is not null);
    }
}
