using System.Runtime.InteropServices;
using System.Text;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using PricerLib.Local.Gguf;
using PricerLib.Local.Gpu;
using PricerLib.Local.Lora;

namespace PricerLib.Local;

/// <summary>
/// A GGUF base model (and optionally one LoRA adapter) loaded through LLamaSharp, with one
/// <see cref="BatchedExecutor"/> whose context holds <see cref="LlamaSettings.Parallel"/> sequences of
/// <see cref="LlamaSettings.Context"/> tokens each. Every file is checked before llama.cpp sees it, because llama.cpp
/// answers a bad file with a crash rather than an error. Not thread-safe: callers serialise.
/// </summary>
public sealed class LlamaModel : IDisposable
{
    private readonly LLamaWeights weights;
    private readonly BatchedExecutor executor;
    private readonly LoraAdapter? adapter;

    private LlamaModel(LlamaSettings settings, GgufFile header, LLamaWeights weights, BatchedExecutor executor, LoraAdapter? adapter, LoraAdapterInfo? adapterInfo)
    {
        Settings = settings;
        Header = header;
        Shape = LlamaShape.Of(header);
        this.weights = weights;
        this.executor = executor;
        this.adapter = adapter;
        Adapter = adapterInfo;
        Devices = BackendDevices();
    }

    /// <summary>What it was loaded with.</summary>
    public LlamaSettings Settings { get; }
    /// <summary>The base model's GGUF header.</summary>
    public GgufFile Header { get; }
    /// <summary>The base model's hyper-parameters.</summary>
    public LlamaShape Shape { get; }
    /// <summary>The validated adapter, or null.</summary>
    public LoraAdapterInfo? Adapter { get; }
    /// <summary>The ggml backend devices llama.cpp found (e.g. <c>CPU</c>, <c>CUDA0</c>).</summary>
    public IReadOnlyList<string> Devices { get; }
    /// <summary>The CPU threads llama.cpp computes a batch with, as its context reports them.</summary>
    public int Threads => (int)executor.Context.BatchThreads;
    /// <summary>Vocabulary size (length of a logits row).</summary>
    public int VocabularySize => weights.NativeHandle.Vocab.Count;

    /// <summary>"CUDA" where a CUDA device exists and layers are offloaded, else "CPU".</summary>
    public string Backend => Settings.GpuLayers != 0 && Devices.FirstOrDefault(d => !d.StartsWith("CPU", StringComparison.Ordinal)) is { } gpu
        ? gpu.TrimEnd("0123456789".ToCharArray())
        : "CPU";

    /// <summary>Loads the model and adapter described by <paramref name="settings"/>.</summary>
    /// <exception cref="LocalModelException">A missing or foreign file, an adapter that does not fit, settings out of range, or a failed load (out of memory).</exception>
    public static LlamaModel Load(LlamaSettings settings)
    {
        if (settings.Parallel < 1) throw new LocalModelException($"parallel must be at least 1, not {settings.Parallel}.");
        if (settings.Context < 16) throw new LocalModelException($"context must be at least 16 tokens per item, not {settings.Context}.");
        var header = GgufFile.Read(settings.ModelPath);
        var shape = LlamaShape.Of(header);
        var adapterInfo = settings.LoraPath is null ? null : LoraAdapterValidator.Validate(settings.LoraPath, header);
        RequireMemory(settings, shape);

        NativeLog.Start();
        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(new ModelParams(settings.ModelPath) { GpuLayerCount = settings.GpuLayers });
        }
        catch (LoadWeightsFailedException e)
        {
            throw new LocalModelException($"llama.cpp could not load {settings.ModelPath} (out of memory, or a tensor type this llama.cpp lacks?).{NativeLog.Tail()}", e);
        }
        try
        {
            GpuGuard.Require(GpuGuard.Request(settings, WorkbookSettings.Current, GpuGuard.BuildBackend()), BackendDevices(), settings.GpuLayers);
            LoraAdapter? adapter = null;
            if (settings.LoraPath is not null)
            {
                adapter = weights.NativeHandle.LoadLoraFromFile(settings.LoraPath);
                // Validation should make this impossible; a null adapter here would crash the next decode.
                if (NativePointer(adapter) == IntPtr.Zero)
                    throw new LocalModelException($"llama.cpp refused the LoRA adapter {settings.LoraPath}.{NativeLog.Tail()}");
            }
            var contextParams = new ModelParams(settings.ModelPath)
            {
                ContextSize = (uint)(settings.Context * settings.Parallel),
                SeqMax = (uint)settings.Parallel,
                BatchSize = (uint)Math.Max(512, settings.Context),
                FlashAttention = settings.FlashAttention,
                // One KV stream per sequence. A unified cache makes every token attend over (masked) all sequences: on the
                // CPU, 16 course prompts at --parallel 8 took 15–26% more CPU time that way than with streams, which took
                // 3–15% less than one at a time (1B shape, Q4_K_M, 2 cores, two runs each).
                KVUnified = false,
                TypeK = settings.F32KvCache ? GGMLType.GGML_TYPE_F32 : null,
                TypeV = settings.F32KvCache ? GGMLType.GGML_TYPE_F32 : null,
                Threads = settings.Threads ?? Environment.ProcessorCount,
                BatchThreads = settings.Threads ?? Environment.ProcessorCount,
            };
            var executor = new BatchedExecutor(weights, contextParams);
            if (adapter is not null) executor.Context.NativeHandle.SetLoraAdapters([(adapter, settings.LoraScale)]);
            return new LlamaModel(settings, header, weights, executor, adapter, adapterInfo);
        }
        catch (Exception e) when (e is not LocalModelException)
        {
            weights.Dispose();
            throw new LocalModelException($"llama.cpp could not create a context of {settings.Parallel} × {settings.Context} tokens for {settings.ModelPath} (out of memory? lower --parallel or --context).{NativeLog.Tail()}", e);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>Tokenizes <paramref name="text"/> with BOS and no special-token parsing, as Hugging Face's <c>tokenizer.encode</c> does.</summary>
    public LLamaToken[] Tokenize(string text) => weights.Tokenize(text, add_bos: true, special: false, Encoding.UTF8);

    /// <summary>A token's text as the tokenizer decodes it alone.</summary>
    public string TokenText(int token) => weights.Vocab.LLamaTokenToString((LLamaToken)token, false) ?? "";

    /// <summary>The top <paramref name="k"/> next-token candidates after a logits row.</summary>
    public IReadOnlyList<TokenCandidate> Candidates(ReadOnlySpan<float> logits, int k) =>
        NextTokenMath.TopK(logits, k).Select(t => new TokenCandidate(t.Token, TokenText(t.Token), t.Probability)).ToList();

    /// <summary>
    /// The logits after each prompt: all prompts (at most <see cref="LlamaSettings.Parallel"/>) are decoded together,
    /// one sequence each, and cleared afterwards.
    /// </summary>
    public async Task<float[][]> NextTokenLogitsAsync(IReadOnlyList<LLamaToken[]> prompts, CancellationToken ct = default)
    {
        var conversations = Start(prompts, generated: 0);
        try
        {
            return await DecodeAsync(conversations, ct);
        }
        finally
        {
            foreach (var c in conversations) c.Dispose();
        }
    }

    /// <summary>
    /// Greedy (argmax) continuations of each prompt, up to <paramref name="maxTokens"/> tokens or end of generation,
    /// decoded together.
    /// </summary>
    public async Task<string[]> GenerateGreedyAsync(IReadOnlyList<LLamaToken[]> prompts, int maxTokens, CancellationToken ct = default)
    {
        var conversations = Start(prompts, generated: maxTokens);
        var decoders = prompts.Select(_ => new StreamingTokenDecoder(Encoding.UTF8, weights)).ToArray();
        try
        {
            var logits = await DecodeAsync(conversations, ct);
            for (int step = 0; step < maxTokens; step++)
            {
                for (int i = 0; i < conversations.Length; i++)
                {
                    if (logits[i] is null) continue; // finished
                    var token = (LLamaToken)NextTokenMath.TopK(logits[i], 1)[0].Token;
                    if (token.IsEndOfGeneration(weights.Vocab)) { logits[i] = null!; continue; }
                    decoders[i].Add(token);
                    if (step + 1 < maxTokens) conversations[i].Prompt(token);
                }
                if (step + 1 < maxTokens) logits = await DecodeAsync(conversations, ct);
            }
            return decoders.Select(d => d.Read()).ToArray();
        }
        finally
        {
            foreach (var c in conversations) c.Dispose();
        }
    }

    private Conversation[] Start(IReadOnlyList<LLamaToken[]> prompts, int generated)
    {
        if (prompts.Count > Settings.Parallel)
            throw new ArgumentException($"{prompts.Count} prompts exceed parallel = {Settings.Parallel}.", nameof(prompts));
        foreach (var p in prompts)
            if (p.Length + generated > Settings.Context)
                throw new LocalModelException($"A prompt of {p.Length} tokens{(generated > 0 ? $" plus {generated} generated" : "")} does not fit the context of {Settings.Context} tokens per item: raise --context.");
        var conversations = new Conversation[prompts.Count];
        for (int i = 0; i < prompts.Count; i++)
        {
            conversations[i] = executor.Create();
            conversations[i].Prompt(prompts[i]);
        }
        return conversations;
    }

    /// <summary>
    /// Decodes every queued batch and returns each prompted conversation's last logits (null for one not prompted).
    /// One Infer decodes one queued batch, and a conversation can be sampled only right after the batch holding its
    /// last token, so logits are copied out batch by batch (many long prompts fill several batches).
    /// </summary>
    private async Task<float[][]> DecodeAsync(Conversation[] conversations, CancellationToken ct)
    {
        var logits = new float[conversations.Length][];
        var waiting = conversations.Select(c => c.RequiresInference).ToArray();
        while (executor.BatchQueueCount > 0)
        {
            var result = await executor.Infer(ct);
            if (result != DecodeResult.Ok)
                throw new LocalModelException($"llama.cpp could not decode the batch ({result}): lower --parallel or --context.{NativeLog.Tail()}");
            for (int i = 0; i < conversations.Length; i++)
            {
                if (!waiting[i] || !conversations[i].RequiresSampling) continue;
                logits[i] = conversations[i].Sample().ToArray();
                waiting[i] = false;
            }
        }
        return logits;
    }

    /// <summary>
    /// Refuses, before loading, a CPU run whose weights plus KV cache (2 · layers · tokens · n_embd_kv · 2 or 4 bytes)
    /// cannot fit in this process's available memory. GPU memory cannot be predicted here; llama.cpp's error is relayed.
    /// </summary>
    private static void RequireMemory(LlamaSettings settings, LlamaShape shape)
    {
        if (settings.GpuLayers != 0) return;
        long tokens = (long)settings.Context * settings.Parallel;
        long kvEmbedding = (long)shape.Embedding / shape.Heads * shape.KvHeads;
        long kvBytes = 2L * shape.Layers * tokens * kvEmbedding * (settings.F32KvCache ? 4 : 2);
        long needed = kvBytes + new FileInfo(settings.ModelPath).Length;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available)
            throw new LocalModelException(
                $"{settings.ModelPath} with {settings.Parallel} × {settings.Context} tokens of KV cache needs about {needed / (1 << 20):N0} MiB; " +
                $"{available / (1 << 20):N0} MiB are available. Lower --parallel or --context.");
    }

    // LoraAdapter keeps its native pointer internal; it is the only way to tell that llama.cpp refused the file.
    private static IntPtr NativePointer(LoraAdapter adapter) =>
        typeof(LoraAdapter).GetProperty("Pointer", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            ?.GetValue(adapter) is IntPtr pointer ? pointer : -1;

    private static IReadOnlyList<string> BackendDevices()
    {
        var names = new List<string>();
        for (nuint i = 0; i < NativeApi.ggml_backend_dev_count(); i++)
        {
            var buffer = NativeApi.ggml_backend_dev_buffer_type(NativeApi.ggml_backend_dev_get(i));
            names.Add(Marshal.PtrToStringUTF8(NativeApi.ggml_backend_buft_name(buffer)) ?? "?");
        }
        return names;
    }

    /// <summary>Frees the context, the adapter and the weights (native memory).</summary>
    public void Dispose()
    {
        executor.Dispose();
        weights.Dispose();
    }
}
