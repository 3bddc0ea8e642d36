using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Pricers;

namespace PricerLib.Local.Remote;

/// <summary>A completions endpoint that failed (HTTP error, unreadable answer).</summary>
public sealed class RemoteCompletionException(string message, bool mayRetry = false, Exception? inner = null) : PricerException(message, mayRetry, inner);

/// <summary>
/// The same two methods as <see cref="LlamaPricer"/> against any OpenAI-compatible <c>/v1/completions</c> server —
/// vLLM serving the base with the adapter (<c>--enable-lora --lora-modules pricer=DIR</c>, then model "pricer") or
/// llama.cpp's llama-server: how a user goes past one GPU. Weighted uses the server's <c>logprobs</c> of the first
/// token (probabilities over the full vocabulary, as the course's softmax); greedy sends temperature 0. The OpenAI SDK
/// has no public completions client, so this posts JSON with <see cref="HttpClient"/>.
/// </summary>
public sealed class RemotePricer : IBatchPricer
{
    private const int Attempts = 3;
    private readonly HttpClient http;
    private readonly string model;
    private readonly LlamaPricingOptions options;

    /// <param name="baseUrl">The server's OpenAI base, e.g. <c>http://gpu-box:8000/v1</c>.</param>
    /// <param name="model">The served model's name (for vLLM with an adapter: the adapter's name).</param>
    /// <param name="options">Method, top-K, generated tokens.</param>
    /// <param name="apiKey">Sent as a bearer token when given; never logged.</param>
    /// <param name="concurrency">Requests in flight by default.</param>
    /// <param name="handler">The HTTP handler (tests); null: a new one.</param>
    /// <param name="timeout">How long one request may take before it is tried again; null: 120 s.</param>
    public RemotePricer(Uri baseUrl, string model, LlamaPricingOptions options, string? apiKey, int concurrency = 8, HttpMessageHandler? handler = null,
        TimeSpan? timeout = null)
    {
        http = new HttpClient(handler ?? new HttpClientHandler())
        {
            BaseAddress = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"),
            Timeout = timeout ?? TimeSpan.FromSeconds(120),
        };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        this.model = model;
        this.options = options;
        RecommendedConcurrency = Math.Max(1, concurrency);
        var parameters = new Dictionary<string, string>
        {
            ["method"] = options.Method.ToString().ToLowerInvariant(),
            ["base_url"] = baseUrl.GetLeftPart(UriPartial.Path),
            ["backend"] = "remote",
            ["prompt"] = options.Prompt.Edition.Name(),
            [options.Method == PricingMethod.Weighted ? "top_k" : "max_tokens"] = (options.Method == PricingMethod.Weighted ? options.TopK : options.MaxTokens).ToString(),
        };
        Details = new PricerDetails("remote", model, parameters);
        Name = "remote_" + model.Replace('/', '_').Replace(':', '_') + "_" + parameters["method"];
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public PricerDetails Details { get; }
    /// <inheritdoc />
    public int RecommendedConcurrency { get; }

    /// <inheritdoc />
    public async Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object>
        {
            ["model"] = model, ["prompt"] = options.Prompt.For(item), ["temperature"] = 0,
            ["max_tokens"] = options.Method == PricingMethod.Weighted ? 1 : options.MaxTokens,
        };
        if (options.Method == PricingMethod.Weighted) body["logprobs"] = options.TopK;
        using var answer = await PostAsync(body, cancellationToken);
        try
        {
            return Read(answer.RootElement.GetProperty("choices")[0]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new RemoteCompletionException($"{http.BaseAddress}completions answered JSON without choices[0] text or logprobs.", inner: e);
        }
    }

    private PriceGuess Read(JsonElement choice)
    {
        if (options.Method == PricingMethod.Greedy)
        {
            var text = choice.GetProperty("text").GetString() ?? "";
            return new PriceGuess(PriceParser.Parse(text), text);
        }
        var candidates = CompletionLogprobs.FirstPosition(choice).Take(options.TopK).ToList();
        if (candidates.Count == 0) throw new RemoteCompletionException($"{http.BaseAddress}completions returned no logprobs: does the server support them?");
        return NextTokenMath.WeightedGuess(candidates);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var results = Channel.CreateUnbounded<PricedItem>();
        var gate = new SemaphoreSlim(Math.Max(1, maxInFlight));
        var work = Task.WhenAll(items.Select(async (item, index) =>
        {
            await gate.WaitAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            try
            {
                await results.Writer.WriteAsync(PricedItem.Priced(index, await PriceAsync(item, cancellationToken), clock.Elapsed.TotalSeconds), cancellationToken);
            }
            catch (PricerException e)
            {
                await results.Writer.WriteAsync(PricedItem.Failed(index, e.Message, clock.Elapsed.TotalSeconds), cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        })).ContinueWith(t => results.Writer.Complete(t.Exception), TaskScheduler.Default);
        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
            yield return result;
        await work;
    }

    private async Task<JsonDocument> PostAsync(object body, CancellationToken ct)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                // A sized body (Content-Length), as the SDKs send: some small servers do not read chunked requests.
                using var content = new ByteArrayContent(json);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("completions", content, ct);
                bool retry = response.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;
                if (response.IsSuccessStatusCode)
                    return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                if (!retry || attempt == Attempts)
                    throw new RemoteCompletionException($"{http.BaseAddress}completions answered {(int)response.StatusCode} {response.ReasonPhrase}.", retry);
            }
            catch (HttpRequestException e) when (attempt < Attempts && !Unreachable.IsPermanent(e))
            {
                // A reset or a dropped connection: try again after the back-off.
            }
            catch (HttpRequestException e)
            {
                throw new RemoteCompletionException(Unreachable.Message($"{http.BaseAddress}completions", e), mayRetry: true, inner: e);
            }
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            catch (TaskCanceledException) when (!ct.IsCancellationRequested && attempt < Attempts)
            {
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new RemoteCompletionException(
                    $"{http.BaseAddress}completions did not answer within {http.Timeout.TotalSeconds:0.#} s, {Attempts} times.", mayRetry: true, inner: e);
            }
            catch (JsonException e)
            {
                throw new RemoteCompletionException($"{http.BaseAddress}completions did not answer JSON.", inner: e);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), ct);
        }
    }

    /// <summary>Releases the HTTP client.</summary>
    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
