using System.Text.RegularExpressions;

namespace PricerLib.Local.Lora;

/// <summary>What a PEFT LoRA tensor adapts.</summary>
/// <param name="BaseTensor">The llama.cpp name of the adapted base weight, e.g. <c>blk.3.attn_q.weight</c>.</param>
/// <param name="Module">PEFT's module name, e.g. <c>q_proj</c> (<c>lm_head</c> for the output layer).</param>
/// <param name="IsA">True for <c>lora_A</c> (shape [r, in]); false for <c>lora_B</c> ([out, r]).</param>
public sealed record PeftTensorName(string BaseTensor, string Module, bool IsA)
{
    private static readonly Regex LayerTensor = new(
        @"^base_model\.model\.(?:model\.)?layers\.(\d+)\.(?:self_attn|mlp)\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)\.lora_([AB])\.weight$",
        RegexOptions.CultureInvariant);

    private static readonly Regex OutputTensor = new(@"^base_model\.model\.lm_head\.lora_([AB])\.weight$", RegexOptions.CultureInvariant);

    // Hugging Face Llama module → llama.cpp tensor (gguf-py's tensor map for LLAMA).
    private static readonly Dictionary<string, string> Modules = new()
    {
        ["q_proj"] = "attn_q", ["k_proj"] = "attn_k", ["v_proj"] = "attn_v", ["o_proj"] = "attn_output",
        ["gate_proj"] = "ffn_gate", ["up_proj"] = "ffn_up", ["down_proj"] = "ffn_down",
    };

    /// <summary>The GGUF adapter tensor name: the base tensor's name with <c>.lora_a</c> or <c>.lora_b</c>.</summary>
    public string AdapterTensor => BaseTensor + (IsA ? ".lora_a" : ".lora_b");

    /// <summary>Maps a PEFT tensor name, or explains why it cannot be converted.</summary>
    /// <exception cref="LoraConversionException">Embeddings, biases, DoRA magnitudes, or a tensor of no known module.</exception>
    public static PeftTensorName Parse(string name)
    {
        if (LayerTensor.Match(name) is { Success: true } layer)
            return new($"blk.{layer.Groups[1].Value}.{Modules[layer.Groups[2].Value]}.weight", layer.Groups[2].Value, layer.Groups[3].Value == "A");
        if (OutputTensor.Match(name) is { Success: true } output)
            return new("output.weight", "lm_head", output.Groups[1].Value == "A");
        string why = name switch
        {
            _ when name.Contains("lora_embedding_") || name.Contains("embed_tokens") => "LoRA on the token embeddings is not supported",
            _ when name.Contains("lora_magnitude_vector") => "DoRA magnitude vectors are not supported",
            _ when name.EndsWith(".bias", StringComparison.Ordinal) => "trained biases are not supported",
            _ => "it is not a LoRA A/B weight of a Llama attention or MLP projection or of lm_head",
        };
        throw new LoraConversionException($"Adapter tensor {name}: {why}.");
    }
}
