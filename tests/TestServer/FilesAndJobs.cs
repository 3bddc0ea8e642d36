using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PricerLib.TestServer;

/// <summary>
/// In-memory <c>/v1/files</c> and <c>/v1/fine_tuning/jobs</c>: uploads are kept (readable through
/// <see cref="FileContent"/>), a created job succeeds at once with the model id
/// <c>ft:BASE:test-server:SUFFIX:JOBNUMBER</c> and two events.
/// </summary>
public sealed class FilesAndJobs
{
    private readonly OpenAiTestServer _server;
    private readonly ConcurrentDictionary<string, (string Name, string Purpose, string Content)> _files = new();
    private readonly ConcurrentDictionary<string, JsonObject> _jobs = new();
    private int _next;

    internal FilesAndJobs(OpenAiTestServer server) => _server = server;

    /// <summary>The text of an uploaded file, by id; null when unknown.</summary>
    public string? FileContent(string id) => _files.TryGetValue(id, out var file) ? file.Content : null;

    /// <summary>Every fine-tuning job created so far (their JSON).</summary>
    public IReadOnlyList<JsonObject> Jobs => _jobs.Values.ToList();

    internal void Map(WebApplication app)
    {
        app.MapPost("/v1/files", async context =>
        {
            await _server.CaptureAsync(context);
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var upload = form.Files["file"];
            if (upload is null)
            {
                await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(400), "Missing file");
                return;
            }
            using var reader = new StreamReader(upload.OpenReadStream());
            string id = $"file-{Interlocked.Increment(ref _next)}";
            var content = await reader.ReadToEndAsync();
            _files[id] = (upload.FileName, form["purpose"].ToString(), content);
            await ModelEndpoints.WriteJsonAsync(context, 200, FileJson(id));
        });
        app.MapGet("/v1/files/{id}", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            if (_files.ContainsKey(id)) await ModelEndpoints.WriteJsonAsync(context, 200, FileJson(id));
            else await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), $"No file {id}");
        });
        app.MapPost("/v1/fine_tuning/jobs", async context =>
        {
            var request = await _server.CaptureAsync(context);
            var json = request.Json;
            string id = $"ftjob-{Interlocked.Increment(ref _next)}";
            string model = json?["model"]?.GetValue<string>() ?? "";
            string suffix = json?["suffix"]?.GetValue<string>() ?? "";
            var job = new JsonObject
            {
                ["id"] = id,
                ["object"] = "fine_tuning.job",
                ["model"] = model,
                ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["finished_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["fine_tuned_model"] = $"ft:{model}:test-server:{suffix}:{id}",
                ["organization_id"] = "org-test",
                ["result_files"] = new JsonArray(),
                ["status"] = "succeeded",
                ["training_file"] = json?["training_file"]?.DeepClone(),
                ["validation_file"] = json?["validation_file"]?.DeepClone(),
                ["hyperparameters"] = json?["hyperparameters"]?.DeepClone() ?? new JsonObject { ["n_epochs"] = "auto" },
                ["seed"] = json?["seed"]?.DeepClone() ?? 0,
                ["trained_tokens"] = 1000,
                ["error"] = null,
            };
            _jobs[id] = job;
            await ModelEndpoints.WriteJsonAsync(context, 200, job);
        });
        app.MapGet("/v1/fine_tuning/jobs", async context =>
        {
            await _server.CaptureAsync(context);
            await ModelEndpoints.WriteJsonAsync(context, 200, new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(_jobs.Values.Select(j => j.DeepClone()).ToArray()),
                ["has_more"] = false,
            });
        });
        app.MapGet("/v1/fine_tuning/jobs/{id}", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            if (_jobs.TryGetValue(id, out var job)) await ModelEndpoints.WriteJsonAsync(context, 200, job.DeepClone());
            else await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), $"No job {id}");
        });
        app.MapGet("/v1/fine_tuning/jobs/{id}/events", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            var events = new[] { "Fine-tuning job started", "The job has successfully completed" }.Select((message, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"ftevent-{id}-{i}",
                ["object"] = "fine_tuning.job.event",
                ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["level"] = "info",
                ["message"] = message,
            });
            await ModelEndpoints.WriteJsonAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = new JsonArray(events.ToArray()), ["has_more"] = false });
        });
    }

    private JsonObject FileJson(string id)
    {
        var file = _files[id];
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "file",
            ["bytes"] = System.Text.Encoding.UTF8.GetByteCount(file.Content),
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["filename"] = file.Name,
            ["purpose"] = file.Purpose,
            ["status"] = "processed",
        };
    }
}
