using PricerLib.Local.Gguf;

namespace PricerLib.Local;

/// <summary>The hyper-parameters of a Llama-architecture GGUF model that the conversion and the pricer need.</summary>
/// <param name="Architecture"><c>general.architecture</c>.</param>
/// <param name="Layers"><c>block_count</c>.</param>
/// <param name="Embedding"><c>embedding_length</c> (n_embd).</param>
/// <param name="Heads"><c>attention.head_count</c>.</param>
/// <param name="KvHeads"><c>attention.head_count_kv</c> (= heads when absent).</param>
/// <param name="TrainedContext"><c>context_length</c>.</param>
public sealed record LlamaShape(string Architecture, int Layers, int Embedding, int Heads, int KvHeads, int TrainedContext)
{
    /// <summary>Reads the shape of <paramref name="model"/>.</summary>
    /// <exception cref="LocalModelException">Not a Llama model, or a hyper-parameter is missing.</exception>
    public static LlamaShape Of(GgufFile model)
    {
        var arch = model.Architecture ?? throw new LocalModelException($"{model.Path} has no general.architecture: not a model file.");
        if (arch != "llama")
            throw new LocalModelException(
                $"{model.Path} is a '{arch}' model; only 'llama' bases are supported (their q/k row layout is what the LoRA conversion permutes).");
        int Require(string key) => model.GetInteger($"{arch}.{key}") is { } v and > 0 and <= int.MaxValue
            ? (int)v
            : throw new LocalModelException($"{model.Path} lacks a positive integer {arch}.{key}.");
        int heads = Require("attention.head_count");
        int kvHeads = model.GetInteger($"{arch}.attention.head_count_kv") is { } kv and > 0 ? (int)kv : heads;
        return new LlamaShape(arch, Require("block_count"), Require("embedding_length"), heads, kvHeads, Require("context_length"));
    }
}
