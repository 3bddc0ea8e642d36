using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;

namespace PricerLib.Frontier.FineTuning;

/// <summary>
/// The OpenAI REST endpoints that fine-tuning and the Batch API use (files, <c>fine_tuning/jobs</c>, <c>batches</c>),
/// sent through the official SDK's own pipeline, so the key, the retry policy and the timeout are the chat path's.
/// </summary>
/// <remarks>
/// Why not the SDK's typed <c>FineTuningClient</c> and <c>BatchClient</c>: both are marked experimental (OPENAI001),
/// the batch client is protocol-level JSON anyway, and the typed fine-tuning options have no <c>metadata</c>, which
/// is how a re-run finds the job it created. JSON in and out here keeps the request bodies exactly as documented.
/// </remarks>
public sealed class OpenAiRest
{
    private readonly ClientPipeline _pipeline, _oncePipeline;
    private readonly Uri _baseUrl;
    private readonly ApiKey _key;
    private static readonly Uri OpenAiUrl = new("https://api.openai.com/v1/");

    /// <summary>A client for <paramref name="connection"/> (OpenAI's own endpoint when it has no base URL).</summary>
    public OpenAiRest(OpenAiConnection connection)
    {
        _key = connection.Key;
        _baseUrl = connection.BaseUrl ?? OpenAiUrl;
        _pipeline = Pipeline(connection, new FrontierRetryPolicy(connection.MaxRetries, connection.RetryDelayScale) { Retrying = connection.Retrying });
        _oncePipeline = Pipeline(connection, new FrontierRetryPolicy(0));
        Endpoint = connection.BaseUrl?.AbsoluteUri ?? "openai";
        MaxRetries = connection.MaxRetries;
        RetryDelayScale = connection.RetryDelayScale;
    }

    // Options freeze once a client is built from them: one set per pipeline.
    private static ClientPipeline Pipeline(OpenAiConnection connection, ClientRetryPolicy retryPolicy)
    {
        var options = new OpenAIClientOptions { Endpoint = connection.BaseUrl ?? OpenAiUrl, RetryPolicy = retryPolicy };
        if (connection.Timeout is { } timeout) options.NetworkTimeout = timeout;
        return new OpenAIClient(new ApiKeyCredential(connection.Key.Value), options).Pipeline;
    }

    /// <summary>Retries after the first try (the connection's), also for creates that <see cref="PostOnceAsync"/> sends.</summary>
    public int MaxRetries { get; }

    /// <summary>Multiplies retry waits (tests only; 1 in use).</summary>
    public double RetryDelayScale { get; }

    /// <summary>Where requests go, without credentials; the same text as the chat backend's endpoint (a cache key part).</summary>
    public string Endpoint { get; }

    /// <summary>GETs <paramref name="path"/> (relative to the base URL) as JSON.</summary>
    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) => SendAsync("GET", path, null, cancellationToken);

    /// <summary>
    /// POSTs <paramref name="body"/> to <paramref name="path"/> once, without the SDK's retry policy, and returns the JSON answer: for creates that cost money, where a resend
    /// after an answer lost on the way back would pay twice (see <see cref="FingerprintedCreate"/>).
    /// </summary>
    public Task<JsonNode> PostOnceAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync("POST", path, BinaryContent.Create(BinaryData.FromString(body.ToJsonString())), cancellationToken, "application/json", _oncePipeline);

    /// <summary>Uploads <paramref name="content"/> as a file named <paramref name="fileName"/> for <paramref name="purpose"/> (<c>fine-tune</c>, <c>batch</c>); returns its id.</summary>
    public async Task<string> UploadAsync(string content, string fileName, string purpose, CancellationToken cancellationToken)
    {
        // multipart/form-data as the SDK's file client sends it: a "purpose" field and the "file" part.
        string boundary = "pricer-" + Guid.NewGuid().ToString("N");
        using var form = new MultipartFormDataContent(boundary) { { new StringContent(purpose), "purpose" } };
        form.Add(new StringContent(content, System.Text.Encoding.UTF8, "application/jsonl"), "file", fileName);
        var bytes = await form.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var answer = await SendAsync("POST", "files", BinaryContent.Create(BinaryData.FromBytes(bytes)), cancellationToken,
            $"multipart/form-data; boundary={boundary}").ConfigureAwait(false);
        return Text(answer, "id", "file upload");
    }

    /// <summary>The content of file <paramref name="fileId"/> as text (a batch's output).</summary>
    public async Task<string> DownloadAsync(string fileId, CancellationToken cancellationToken)
    {
        using var message = await SendRawAsync("GET", $"files/{Uri.EscapeDataString(fileId)}/content", null, null, cancellationToken, _pipeline).ConfigureAwait(false);
        return message.Response!.Content.ToString();
    }

    /// <summary>The string field <paramref name="name"/> of <paramref name="json"/>.</summary>
    /// <exception cref="FrontierException">It is missing: the server answered something else.</exception>
    public string Text(JsonNode json, string name, string what) =>
        json[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0
            ? text : throw new FrontierException($"{Endpoint} answered the {what} without \"{name}\": {_key.Redact(Shorten(json.ToJsonString()))}");

    private async Task<JsonNode> SendAsync(string method, string path, BinaryContent? content, CancellationToken cancellationToken,
        string? contentType = null, ClientPipeline? pipeline = null)
    {
        using var message = await SendRawAsync(method, path, content, contentType, cancellationToken, pipeline ?? _pipeline).ConfigureAwait(false);
        string body = message.Response!.Content.ToString();
        try
        {
            return JsonNode.Parse(body) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new FrontierException($"{Endpoint} answered {method} {path} with something that is not JSON: {_key.Redact(Shorten(body))}");
        }
    }

    private async Task<PipelineMessage> SendRawAsync(string method, string path, BinaryContent? content, string? contentType,
        CancellationToken cancellationToken, ClientPipeline pipeline)
    {
        var message = pipeline.CreateMessage();
        message.ResponseClassifier = PipelineMessageClassifier.Create([200]);
        message.Request.Method = method;
        message.Request.Uri = new Uri(_baseUrl, path);
        message.Request.Headers.Set("Accept", "application/json");
        if (content is not null)
        {
            message.Request.Content = content;
            message.Request.Headers.Set("Content-Type", contentType!);
        }
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        try
        {
            await pipeline.SendAsync(message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ClientResultException
            || (e is OperationCanceledException or AggregateException && !cancellationToken.IsCancellationRequested))
        {
            message.Dispose();
            // Once its retries are spent, the SDK's policy throws an AggregateException of every try's failure.
            var failures = e is AggregateException all ? all.InnerExceptions : [e];
            throw new FrontierException(failures.All(f => f is OperationCanceledException)
                ? $"{Endpoint} did not answer {method} {path} in time; retries exhausted."
                : _key.Redact(Unreachable.Message($"{Endpoint} ({method} {path})", failures[^1])), mayRetry: true);
        }
        if (message.Response!.IsError)
        {
            var response = message.Response;
            message.Dispose();
            throw new FrontierException(response.Status == 401
                ? $"{Endpoint} refused the API key in {_key} (401). Check the variable, or pass --api-key-env NAME."
                : $"{Endpoint} answered {response.Status} to {method} {path}: {_key.Redact(ErrorMessage(response.Content.ToString()))}",
                mayRetry: response.Status is 429 or >= 500) { Status = response.Status };
        }
        return message;
    }

    private static string ErrorMessage(string body) => ErrorBody.MessageOf(body) ?? Shorten(body);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
