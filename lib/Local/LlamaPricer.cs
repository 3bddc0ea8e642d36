using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using LLama.Native;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Local.Synthetic;
using PricerLib.Pricers;

namespace PricerLib.Local;

/// <summary>The course's two ways of reading a price from a base model (week 7).</summary>
public enum PricingMethod
{
    /// <summary>Day 5's "improved" method: one forward pass, top-K tokens, probability-weighted mean of the numbers among them.</summary>
    Weighted,
    /// <summary>Day 2's: generate a few tokens, parse the first number.</summary>
    Greedy,
}

/// <summary>How a <see cref="LlamaPricer"/> reads prices.</summary>
/// <param name="Method">Weighted (default) or greedy.</param>
/// <param name="TopK">Candidates of the weighted method (course: 3).</param>
/// <param name="MaxTokens">Tokens the greedy method generates (course: 4 for the base model, 3 for the fine-tuned one).</param>
public sealed record LlamaPricingOptions(PricingMethod Method = PricingMethod.Weighted, int TopK = 3, int MaxTokens = 4)
{
    /// <summary>The prompt each item is asked with (default: 2024's, the item's test prompt).</summary>
    public LlamaPrompt Prompt { get; init; } = LlamaPrompt.Course2024;
}

/// <summary>
/// Prices items with a local GGUF model (and LoRA adapter) the course's way: the item's test prompt tokenized with BOS
/// and no chat template (a base model). Many items are decoded per batch (<see cref="LlamaSettings.Parallel"/>), each
/// in its own sequence, so batched and one-at-a-time guesses agree. Guesses are cached per configuration and prompt.
/// </summary>
/// <remarks>
/// Differences from the course's Python: its "greedy" run called Hugging Face's <c>generate</c>, which for Llama 3.1
/// samples (the model's generation config: temperature 0.6, top-p 0.9, seeded); here it is true argmax. The weighted
/// method keeps finite numbers only (the course would also keep "inf").
/// </remarks>
public sealed class LlamaPricer : IBatchPricer
{
    private readonly LlamaModel model;
    private readonly LlamaPricingOptions options;
    private readonly GuessCache? cache;
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Wraps a loaded model; the pricer owns and disposes it.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="options">How to read prices.</param>
    /// <param name="cacheFolder">Folder for the guess cache; null: no cache.</param>
    public LlamaPricer(LlamaModel model, LlamaPricingOptions options, string? cacheFolder)
    {
        if (options.TopK < 1) throw new LocalModelException($"top-k must be at least 1, not {options.TopK}.");
        if (options.MaxTokens < 1) throw new LocalModelException($"max-tokens must be at least 1, not {options.MaxTokens}.");
        this.model = model;
        this.options = options;
        Details = DescribeDetails(model, options);
        Name = "llama_" + Path.GetFileNameWithoutExtension(model.Settings.ModelPath) +
            (model.Settings.LoraPath is { } lora ? "_" + Path.GetFileNameWithoutExtension(lora) : "") + "_" + options.Method.ToString().ToLowerInvariant();
        if (cacheFolder is not null)
            cache = GuessCache.Open(cacheFolder, string.Join('\n', Details.Parameters
                .Where(p => p.Key is not ("backend" or "devices" or "parallel" or "gpu_layers" or "context"))
                .Select(p => $"{p.Key}={p.Value}").Prepend(GuessCache.FileIdentity(model.Settings.ModelPath))
                .Append(model.Settings.LoraPath is { } l ? GuessCache.FileIdentity(l) : "no adapter")));
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public PricerDetails Details { get; }
    /// <summary>The number of items decoded together.</summary>
    public int RecommendedConcurrency => model.Settings.Parallel;
    /// <summary>The loaded model.</summary>
    public LlamaModel Model => model;
    /// <summary>The guess cache, or null.</summary>
    public GuessCache? Cache => cache;

    /// <inheritdoc />
    public async Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        var result = await PriceChunkAsync([item], 0, cancellationToken).SingleAsync(cancellationToken);
        return result.Guess ?? throw new LocalModelException(result.Error!);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int chunk = Math.Clamp(maxInFlight, 1, model.Settings.Parallel);
        for (int start = 0; start < items.Count; start += chunk)
        {
            var slice = items.Skip(start).Take(chunk).ToArray();
            await foreach (var result in PriceChunkAsync(slice, start, cancellationToken))
                yield return result;
        }
    }

    /// <summary>The top <paramref name="k"/> next tokens after <paramref name="prompt"/> (tokenized with BOS), as the course shows them.</summary>
    public async Task<IReadOnlyList<TokenCandidate>> NextTokensAsync(string prompt, int k, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var logits = await model.NextTokenLogitsAsync([model.Tokenize(prompt)], cancellationToken);
            return model.Candidates(logits[0], k);
        }
        finally
        {
            gate.Release();
        }
    }

    private async IAsyncEnumerable<PricedItem> PriceChunkAsync(IReadOnlyList<Item> items, int firstIndex,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new List<(int Index, string Prompt, LLamaToken[] Tokens)>();
        for (int i = 0; i < items.Count; i++)
        {
            if (PromptFor(items[i], out var prompt) is { } problem)
            {
                yield return PricedItem.Failed(firstIndex + i, problem, 0);
                continue;
            }
            if (cache is not null && cache.TryGet(prompt, out var cached))
            {
                yield return PricedItem.Priced(firstIndex + i, cached, 0);
                continue;
            }
            var tokens = model.Tokenize(prompt);
            int needed = tokens.Length + (options.Method == PricingMethod.Greedy ? options.MaxTokens : 0);
            if (needed > model.Settings.Context)
                yield return PricedItem.Failed(firstIndex + i, $"The prompt has {tokens.Length} tokens; with what the method generates it needs {needed}, more than --context {model.Settings.Context}.", 0);
            else
                pending.Add((firstIndex + i, prompt, tokens));
        }
        if (pending.Count == 0) yield break;

        var clock = Stopwatch.StartNew();
        var guesses = await GuessAsync(pending.Select(p => p.Tokens).ToArray(), cancellationToken);
        double share = clock.Elapsed.TotalSeconds / pending.Count;
        for (int i = 0; i < pending.Count; i++)
        {
            cache?.Add(pending[i].Prompt, guesses[i]);
            yield return PricedItem.Priced(pending[i].Index, guesses[i], share);
        }
    }

    private async Task<PriceGuess[]> GuessAsync(LLamaToken[][] prompts, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (options.Method == PricingMethod.Greedy)
                return (await model.GenerateGreedyAsync(prompts, options.MaxTokens, cancellationToken))
                    .Select(reply => new PriceGuess(PriceParser.Parse(reply), reply)).ToArray();
            return (await model.NextTokenLogitsAsync(prompts, cancellationToken))
                .Select(logits => NextTokenMath.WeightedGuess(model.Candidates(logits, options.TopK))).ToArray();
        }
        finally
        {
            gate.Release();
        }
    }


    // An item the prompt cannot be built for (a 2025 prompt, no summary) fails alone; the others are priced.
    private string? PromptFor(Item item, out string prompt)
    {
        prompt = "";
        try
        {
            prompt = options.Prompt.For(item);
            return null;
        }
        catch (LocalModelException e)
        {
            return e.Message;
        }
    }

    private static PricerDetails DescribeDetails(LlamaModel model, LlamaPricingOptions options)
    {
        var s = model.Settings;
        var parameters = new Dictionary<string, string>
        {
            ["method"] = options.Method.ToString().ToLowerInvariant(),
            ["lora"] = s.LoraPath ?? "none",
            ["lora_scale"] = s.LoraScale.ToString("R", CultureInfo.InvariantCulture),
            ["gpu_layers"] = s.GpuLayers.ToString(CultureInfo.InvariantCulture),
            ["context"] = s.Context.ToString(CultureInfo.InvariantCulture),
            ["parallel"] = s.Parallel.ToString(CultureInfo.InvariantCulture),
            ["backend"] = model.Backend,
            ["devices"] = string.Join(",", model.Devices),
        };
        if (model.Header.GetString(SyntheticModels.ShapeKey) is { } synthetic) parameters[SyntheticModels.RunParameter] = synthetic;
        if (options.Method == PricingMethod.Weighted) parameters["top_k"] = options.TopK.ToString(CultureInfo.InvariantCulture);
        else parameters["max_tokens"] = options.MaxTokens.ToString(CultureInfo.InvariantCulture);
        // Only where it is not 2024's, so the guess caches of earlier runs keep their identity.
        if (options.Prompt.Edition != CourseEdition.Course2024) parameters["prompt"] = options.Prompt.Edition.Name();
        return new PricerDetails("llama", s.ModelPath, parameters);
    }

    /// <summary>Frees the model's native memory.</summary>
    public ValueTask DisposeAsync()
    {
        model.Dispose();
        gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
