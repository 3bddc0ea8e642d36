using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PricerLib.TestServer;

/// <summary>Which engine's log-prob layout <c>/v1/completions</c> answers in.</summary>
public enum LogprobsShape
{
    /// <summary>vLLM (and the OpenAI legacy API): <c>choices[0].logprobs.top_logprobs = [{token: logprob, ...}, ...]</c>.</summary>
    Vllm,

    /// <summary>llama.cpp's llama-server: <c>choices[0].logprobs.content = [{token, logprob, top_logprobs: [{token, logprob}]}]</c>.</summary>
    LlamaServer,
}

/// <summary>
/// A real OpenAI-compatible HTTP server (Kestrel) on 127.0.0.1 for tests, notebooks and benchmarks: chat completions,
/// text completions with log-probs, models, and (see <see cref="FilesAndJobs"/>) files, fine-tuning jobs and batches.
/// Every request is captured (<see cref="Requests"/>). Model endpoints answer, in this order of precedence: the next
/// queued reply (<see cref="Enqueue"/>), the first matching rule (<see cref="When"/>), else <see cref="Responder"/>.
/// Thread-safe; settings may change between requests.
/// </summary>
public sealed class OpenAiTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ServerReply> _queue = new();
    private readonly List<Rule> _rules = [];
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly Random _latencyRandom = new(42);
    private int _sequence;

    private OpenAiTestServer(WebApplication app)
    {
        _app = app;
        FilesAndJobs = new FilesAndJobs(this);
        Batches = new Batches(this, FilesAndJobs);
        ModelEndpoints.Map(app, this);
        AnthropicEndpoints.Map(app, this);
        FilesAndJobs.Map(app);
        Batches.Map(app);
        app.MapFallback(async context =>
        {
            await CaptureAsync(context);
            await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), "Unknown endpoint " + context.Request.Path);
        });
    }

    /// <summary>Starts a server on 127.0.0.1; <paramref name="port"/> 0 picks a free one.</summary>
    public static async Task<OpenAiTestServer> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var server = new OpenAiTestServer(builder.Build());
        await server._app.StartAsync(cancellationToken);
        server.Root = new Uri(server._app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The OpenAI-style base URL clients take, e.g. <c>http://127.0.0.1:5123/v1/</c>.</summary>
    public Uri BaseUrl => new(Root, "v1/");

    /// <summary>Every model request waits a uniformly random time in this range first (default none).</summary>
    public (TimeSpan Min, TimeSpan Max) Latency { get; set; }

    /// <summary>The log-prob layout of <c>/v1/completions</c> answers.</summary>
    public LogprobsShape CompletionShape { get; set; } = LogprobsShape.Vllm;

    /// <summary>Answers model requests that no queued reply or rule claims; default <see cref="DefaultResponder.Reply"/>.</summary>
    public Func<CapturedRequest, ServerReply> Responder { get; set; } = DefaultResponder.Reply;

    /// <summary>The in-memory files, fine-tuning jobs and batches.</summary>
    public FilesAndJobs FilesAndJobs { get; }

    /// <summary>The in-memory Batch API (<c>/v1/batches</c>) over those files.</summary>
    public Batches Batches { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<CapturedRequest> Requests => _requests.OrderBy(r => r.Sequence).ToList();

    /// <summary>How many requests reached a path ending in <paramref name="pathSuffix"/> (e.g. <c>chat/completions</c>).</summary>
    public int CountOf(string pathSuffix) => _requests.Count(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    /// <summary>Replies for the next model requests, one each, in arrival order (before rules and the responder).</summary>
    public void Enqueue(params ServerReply[] replies)
    {
        foreach (var reply in replies) _queue.Enqueue(reply);
    }

    /// <summary>
    /// Answers model requests matching <paramref name="match"/> with <paramref name="reply"/>, at most
    /// <paramref name="times"/> times (then the rule is spent). Earlier rules win.
    /// </summary>
    public void When(Func<CapturedRequest, bool> match, ServerReply reply, int times = int.MaxValue)
    {
        lock (_rules) _rules.Add(new Rule(match, reply, times));
    }

    /// <summary>Forgets captured requests, queued replies and rules (settings stay).</summary>
    public void Reset()
    {
        _requests.Clear();
        _queue.Clear();
        lock (_rules) _rules.Clear();
    }

    internal async Task<CapturedRequest> CaptureAsync(HttpContext context)
    {
        // Buffered, so a handler can read the body again (multipart uploads).
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new CapturedRequest(Interlocked.Increment(ref _sequence), context.Request.Method, context.Request.Path.Value ?? "", headers, body);
        _requests.Enqueue(request);
        return request;
    }

    internal ServerReply Choose(CapturedRequest request)
    {
        if (_queue.TryDequeue(out var queued)) return queued;
        lock (_rules)
        {
            foreach (var rule in _rules)
            {
                if (rule.TimesLeft <= 0 || !rule.Match(request)) continue;
                rule.TimesLeft--;
                return rule.Reply;
            }
        }
        return Responder(request);
    }

    internal TimeSpan NextLatency()
    {
        var (min, max) = Latency;
        if (max <= min) return min;
        lock (_latencyRandom) return min + (max - min) * _latencyRandom.NextDouble();
    }

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Rule(Func<CapturedRequest, bool> match, ServerReply reply, int times)
    {
        public Func<CapturedRequest, bool> Match { get; } = match;
        public ServerReply Reply { get; } = reply;
        public int TimesLeft { get; set; } = times;
    }
}
