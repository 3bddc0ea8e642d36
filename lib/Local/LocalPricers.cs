using PricerLib.Pricers;

namespace PricerLib.Local;

/// <summary>The local family's registration: <c>llama:BASE.gguf</c>.</summary>
public static class LocalPricers
{
    /// <summary>The options <c>llama</c> takes.</summary>
    public static IReadOnlyList<PricerOption> LlamaOptions { get; } =
    [
        PricerOption.Text("lora", "a GGUF LoRA adapter (from pricer convert-lora)"),
        PricerOption.Number("lora-scale", "the adapter's scale (llama.cpp applies scale·alpha/r)", 1),
        PricerOption.Choice("method", "weighted: top-K next tokens' probability-weighted mean (course day 5); greedy: parse generated tokens", "weighted", "weighted", "greedy"),
        PricerOption.Integer("top-k", "candidates of the weighted method", 3),
        PricerOption.Integer("max-tokens", "tokens the greedy method generates", 4),
        PricerOption.Integer("gpu-layers", "layers offloaded to the GPU (-1 all; CUDA build only)", 0),
        PricerOption.Integer("context", "context per item in tokens (prompt + generated)", 512),
        PricerOption.Integer("parallel", "items decoded together (1 = one at a time)", 8),
    ];

    /// <summary>Registers <c>llama</c>.</summary>
    public static PricerRegistry AddLocal(this PricerRegistry registry) => registry
        .Register(new("llama", "llama:BASE.gguf", "a local GGUF model (LLamaSharp), optionally with a LoRA adapter; the course's week 7")
        {
            Options = LlamaOptions,
            Create = (request, _) => ValueTask.FromResult<IPricer>(CreateLlama(request)),
        });

    private static LlamaPricer CreateLlama(PricerRequest request)
    {
        var o = request.Options;
        var settings = new LlamaSettings
        {
            ModelPath = Path.GetFullPath(request.Argument!),
            LoraPath = o.Text("lora") is { } lora ? Path.GetFullPath(lora) : null,
            LoraScale = (float)o.Number("lora-scale")!.Value,
            GpuLayers = o.Integer("gpu-layers")!.Value,
            Context = o.Integer("context")!.Value,
            Parallel = o.Integer("parallel")!.Value,
        };
        var method = o.Choice("method") == "greedy" ? PricingMethod.Greedy : PricingMethod.Weighted;
        var pricing = new LlamaPricingOptions(method, o.Integer("top-k")!.Value, o.Integer("max-tokens")!.Value);
        var model = LlamaModel.Load(settings);
        try
        {
            return new LlamaPricer(model, pricing, request.Settings.Cache);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
