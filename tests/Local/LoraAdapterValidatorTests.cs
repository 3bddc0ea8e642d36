using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

public sealed class LoraAdapterValidatorTests
{
    // stories260K: output.weight is [64, 512]; blk.0.attn_k.weight [64, 32].
    private static GgufWriter Adapter(GgufValue? alpha, string architecture = "llama", string type = "adapter") =>
        With(new GgufWriter()
            .Add("general.architecture", GgufValue.String(architecture))
            .Add("general.type", GgufValue.String(type))
            .Add("adapter.type", GgufValue.String("lora")), alpha);

    private static GgufWriter With(GgufWriter writer, GgufValue? alpha) => alpha is null ? writer : writer.Add("adapter.lora.alpha", alpha);

    private static GgufWriter Pair(GgufWriter writer, string baseName, long[] a, long[] b) => writer
        .AddTensor(baseName + ".lora_a", a, GgmlType.F32, new float[a[0] * a[1]])
        .AddTensor(baseName + ".lora_b", b, GgmlType.F32, new float[b[0] * b[1]]);

    public static TheoryData<string, string> BadAdapters => new()
    {
        { "type", "general.type is 'model'" },
        { "architecture", "general.architecture is 'qwen2'" },
        { "alpha-f64", "stored as Float64" },
        { "alpha-u32", "stored as UInt32" },
        { "suffix", "neither" },
        { "half", "without its lora_b" },
        { "unknown", "does not have" },
        { "transposed", "transposed?" },
        { "rank", "rank 2 differs from lora_b's 3" },
        { "embeddings", "token embeddings" },
        { "empty", "no LoRA tensors" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadAdapters))]
    public void Adapters_llama_cpp_would_refuse_or_abort_on_get_a_clear_error(string kind, string message)
    {
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        var alpha = GgufValue.Float32(2f);
        var writer = kind switch
        {
            "type" => Pair(Adapter(alpha, type: "model"), "output.weight", [64, 2], [2, 512]),
            "architecture" => Pair(Adapter(alpha, architecture: "qwen2"), "output.weight", [64, 2], [2, 512]),
            "alpha-f64" => Pair(Adapter(new GgufValue(GgufValueType.Float64, 2.0)), "output.weight", [64, 2], [2, 512]),
            "alpha-u32" => Pair(Adapter(GgufValue.UInt32(2)), "output.weight", [64, 2], [2, 512]),
            "suffix" => Adapter(alpha).AddTensor("output.weight.lora_x", [64, 2], GgmlType.F32, new float[128]),
            "half" => Adapter(alpha).AddTensor("output.weight.lora_a", [64, 2], GgmlType.F32, new float[128]),
            "unknown" => Pair(Adapter(alpha), "blk.9.attn_q.weight", [64, 2], [2, 64]),
            "transposed" => Pair(Adapter(alpha), "output.weight", [2, 64], [512, 2]),
            "rank" => Pair(Adapter(alpha), "blk.0.attn_k.weight", [64, 2], [3, 32]),
            "embeddings" => Pair(Adapter(alpha), "token_embd.weight", [64, 2], [2, 512]),
            _ => Adapter(alpha),
        };
        using var dir = new TempDir();
        var path = dir.File("bad.gguf");
        writer.Write(path);
        var e = Assert.Throws<InvalidLoraAdapterException>(() => LoraAdapterValidator.Validate(path, baseModel));
        Assert.Contains(message, e.Message);
        Assert.Contains(path, e.Message);
    }

    [SkippableFact]
    public void An_adapter_without_alpha_is_valid_and_reports_none()
    {
        var baseModel = GgufFile.Read(Shared.StoriesGguf);
        using var dir = new TempDir();
        var path = dir.File("ok.gguf");
        Pair(Adapter(alpha: null), "output.weight", [64, 3], [3, 512]).Write(path);
        var info = LoraAdapterValidator.Validate(path, baseModel);
        Assert.Null(info.Alpha);
        Assert.Equal((3, 1), (info.Rank, info.Pairs));
    }
}
