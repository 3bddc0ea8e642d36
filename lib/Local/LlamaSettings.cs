namespace PricerLib.Local;

/// <summary>How to load a GGUF model for pricing: the base, an optional LoRA adapter, and memory settings.</summary>
public sealed record LlamaSettings
{
    /// <summary>The GGUF base model.</summary>
    public required string ModelPath { get; init; }

    /// <summary>A GGUF LoRA adapter (from <c>pricer convert-lora</c>), or null.</summary>
    public string? LoraPath { get; init; }

    /// <summary>The adapter's scale (llama.cpp applies scale·alpha/r·B·A); 1 as PEFT does.</summary>
    public float LoraScale { get; init; } = 1f;

    /// <summary>Layers offloaded to the GPU: 0 = CPU only, -1 = all (ignored by the CPU backend).</summary>
    public int GpuLayers { get; init; }

    /// <summary>Context (KV cache) per item, in tokens: the prompt plus the generated tokens must fit.</summary>
    public int Context { get; init; } = DefaultContext;

    /// <summary>The default <see cref="Context"/>, shared by the llama pricer and <c>bench local</c>.</summary>
    public const int DefaultContext = 512;

    /// <summary>Items decoded together (llama.cpp sequences in one batch); 1 = one at a time.</summary>
    public int Parallel { get; init; } = 8;

    /// <summary>
    /// CPU threads; null = every core the process may use. LLamaSharp's own default is half the cores (a guess at
    /// hyper-threading), which on a 2-core machine leaves one core idle while llama.cpp computes.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Flash attention. Off by default: llama.cpp's "auto" turns it on even on the CPU, where it moves logits by ~5e-4
    /// relative, which is enough to make batched and one-at-a-time guesses differ. Turn on for GPU throughput.
    /// </summary>
    public bool FlashAttention { get; init; }

    /// <summary>
    /// Keep the KV cache in F32 instead of llama.cpp's F16 (twice the memory). F16 keys and values move logits by
    /// ~4e-3 on the tiny test model: turn this on where logits are compared against a reference computation.
    /// </summary>
    public bool F32KvCache { get; init; }
}
