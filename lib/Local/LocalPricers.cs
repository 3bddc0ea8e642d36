using PricerLib.Editions;
using PricerLib.Local.Remote;
using PricerLib.Tokenization;
using PricerLib.Pricers;

namespace PricerLib.Local;

/// <summary>The local family's registration: <c>llama:BASE.gguf</c> and <c>remote:MODEL</c>.</summary>
public static class LocalPricers
{
    private const string EditionChoice = "edition";

    // Declared before the option lists that hold it (static fields initialise in order).
    private static readonly PricerOption PromptOption = PricerOption.Choice("prompt",
        "the prompt: 2024 (the item's test prompt) or 2025 (\"What does this cost…\", the summary cut to 110 Llama 3 tokens, \"Price is $\"); default: the workbook's edition (PRICER_EDITION)",
        EditionChoice, EditionChoice, "2024", "2025");

    /// <summary>The options <c>llama</c> takes.</summary>
    public static IReadOnlyList<PricerOption> LlamaOptions { get; } =
    [
        PricerOption.Text("lora", "a GGUF LoRA adapter (from pricer convert-lora)"),
        PricerOption.Number("lora-scale", "the adapter's scale (llama.cpp applies scale·alpha/r)", 1),
        PricerOption.Choice("method", "weighted: top-K next tokens' probability-weighted mean (course day 5); greedy: parse generated tokens", "weighted", "weighted", "greedy"),
        PricerOption.Integer("top-k", "candidates of the weighted method", 3),
        PricerOption.Integer("max-tokens", "tokens the greedy method generates", 4),
        PricerOption.Integer("gpu-layers", "layers offloaded to the GPU (-1 all; CUDA build only)", 0).HowItRuns(),
        PricerOption.Integer("context", "context per item in tokens (prompt + generated)", LlamaSettings.DefaultContext),
        PricerOption.Integer("parallel", "items decoded together (1 = one at a time)", 8).HowItRuns(),
        PricerOption.Integer("threads", "CPU threads (default: every core)").HowItRuns(),
        PromptOption,
    ];

    /// <summary>The options <c>remote</c> takes.</summary>
    public static IReadOnlyList<PricerOption> RemoteOptions { get; } =
    [
        PricerOption.Text("base-url", "the server's OpenAI-compatible base URL, e.g. http://gpu-box:8000/v1 (required)"),
        PricerOption.Text("api-key-env", "environment variable holding the server's API key (none: no key sent)").HowItRuns(),
        PricerOption.Choice("method", "weighted: first-token logprobs' weighted mean; greedy: parse generated text", "weighted", "weighted", "greedy"),
        PricerOption.Integer("top-k", "candidates of the weighted method", 3),
        PricerOption.Integer("max-tokens", "tokens the greedy method generates", 4),
        PricerOption.Integer("concurrency", "requests in flight by default", 8).HowItRuns(),
        PromptOption,
    ];

    /// <summary>Registers <c>llama</c> and <c>remote</c>.</summary>
    public static PricerRegistry AddLocal(this PricerRegistry registry) => registry
        .Register(new("llama", "llama:BASE.gguf", "a local GGUF model (LLamaSharp), optionally with a LoRA adapter; the course's week 7")
        {
            Options = LlamaOptions,
            Create = (request, _) => ValueTask.FromResult<IPricer>(CreateLlama(request)),
        })
        .Register(new("remote", "remote:MODEL", "the llama methods against an OpenAI-compatible /v1/completions server (vLLM, llama-server)")
        {
            Options = RemoteOptions,
            Create = (request, _) => ValueTask.FromResult<IPricer>(CreateRemote(request)),
        });

    private static RemotePricer CreateRemote(PricerRequest request)
    {
        var o = request.Options;
        if (!Uri.TryCreate(o.Text("base-url"), UriKind.Absolute, out var baseUrl))
            throw new PricerOptionException($"Pricer '{request.Spec}' needs --base-url URL (an absolute http(s) URL, e.g. http://localhost:8000/v1).");
        // The one place the key is read: when the pricer is composed, from the variable the user named.
        string? key = o.Text("api-key-env") is { } variable
            ? Environment.GetEnvironmentVariable(variable) ?? throw new PricerOptionException($"--api-key-env names {variable}, which is not set.")
            : null;
        return new RemotePricer(baseUrl, request.Argument!, Pricing(request),
            key, o.Integer("concurrency")!.Value);
    }

    private static LlamaPricer CreateLlama(PricerRequest request)
    {
        var o = request.Options;
        if (o.Integer("threads") is < 1) throw new PricerOptionException($"--threads must be at least 1, not {o.Integer("threads")}.");
        var settings = new LlamaSettings
        {
            ModelPath = Path.GetFullPath(request.Argument!),
            LoraPath = o.Text("lora") is { } lora ? Path.GetFullPath(lora) : null,
            LoraScale = (float)o.Number("lora-scale")!.Value,
            GpuLayers = o.Integer("gpu-layers")!.Value,
            Context = o.Integer("context")!.Value,
            Parallel = o.Integer("parallel")!.Value,
            Threads = o.Integer("threads"),
        };
        var pricing = Pricing(request);
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

    // The method, its numbers and the prompt, as both kinds declare them.
    private static LlamaPricingOptions Pricing(PricerRequest request)
    {
        var o = request.Options;
        var method = o.Choice("method") == "greedy" ? PricingMethod.Greedy : PricingMethod.Weighted;
        var edition = o.Choice("prompt") == EditionChoice ? request.Settings.Edition : CourseEditions.Parse(o.Choice("prompt"), "--prompt");
        return new LlamaPricingOptions(method, o.Integer("top-k")!.Value, o.Integer("max-tokens")!.Value)
        {
            // The 2025 prompt cuts summaries with the Llama 3 tokenizer of the settings (PRICER_TOKENIZER or the downloaded one).
            Prompt = edition == CourseEdition.Course2025 ? LlamaPrompt.Course2025(TokenizerSource.Load(null, Console.Error, request.Settings)) : LlamaPrompt.Course2024,
        };
    }
}
