using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PricerLib.TestServer;

/// <summary>
/// In-memory <c>/v1/files</c> and <c>/v1/fine_tuning/jobs</c>. Uploads are kept (<see cref="FileContent"/>, and
/// <c>GET /v1/files/{id}/content</c>). A created job is <c>validating_files</c>, then <c>running</c> for
/// <see cref="JobPollsBeforeDone"/> status checks, then <c>succeeded</c> with the model id
/// <c>ft:BASE:test-server:SUFFIX:JOBID</c> (chat answers any model id) — or <c>failed</c> when <see cref="FailJobsWith"/> is set.
/// Each step adds an event. Lists are paged as OpenAI pages them (<c>limit</c>, <c>after</c>, <c>has_more</c>); creates
/// can be made to drop the connection before or after creating (<see cref="FailNextCreates"/>).
/// </summary>
public sealed class FilesAndJobs
{
    private readonly OpenAiTestServer _server;
    private readonly ConcurrentDictionary<string, (string Name, string Purpose, string Content)> _files = new();
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly CreateFaults _createFaults = new();
    private int _next;

    internal FilesAndJobs(OpenAiTestServer server) => _server = server;

    /// <summary>Status checks (<c>GET /v1/fine_tuning/jobs/{id}</c>) a job stays <c>running</c> for before it ends; default 0.</summary>
    public int JobPollsBeforeDone { get; set; }

    /// <summary>When set, jobs end <c>failed</c> with this error message instead of succeeding.</summary>
    public string? FailJobsWith { get; set; }

    /// <summary>
    /// When set, every job create is refused with this status and error message, as OpenAI refuses accounts without
    /// fine-tuning access (nothing is created).
    /// </summary>
    public (int Status, string Message)? RefuseJobsWith { get; set; }

    /// <summary>Makes the next job creates go wrong, one fault each, in order (then they work again).</summary>
    public void FailNextCreates(params CreateFault[] faults) => _createFaults.Enqueue(faults);

    /// <summary>
    /// Creates a job from a request body as <c>POST /v1/fine_tuning/jobs</c> does, without HTTP or file checks (many
    /// jobs, cheaply: lists are paged); returns its JSON.
    /// </summary>
    public JsonObject AddJob(JsonObject request)
    {
        var job = new Job(NextId("ftjob"), request);
        _jobs[job.Id] = job;
        return (JsonObject)job.Json.DeepClone();
    }

    /// <summary>The text of an uploaded file, by id; null when unknown.</summary>
    public string? FileContent(string id) => _files.TryGetValue(id, out var file) ? file.Content : null;

    /// <summary>Every file uploaded so far: id, name and purpose.</summary>
    public IReadOnlyList<(string Id, string Name, string Purpose)> Files => _files.Select(f => (f.Key, f.Value.Name, f.Value.Purpose)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();

    /// <summary>Every fine-tuning job created so far (their JSON).</summary>
    public IReadOnlyList<JsonObject> Jobs => _jobs.Values.Select(j => j.Json).ToList();

    /// <summary>Stores a file the server itself makes (a batch's output); returns its id.</summary>
    internal string AddFile(string name, string purpose, string content)
    {
        string id = NextId("file");
        _files[id] = (name, purpose, content);
        return id;
    }

    internal string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next)}";

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
            string id = AddFile(upload.FileName, form["purpose"].ToString(), await reader.ReadToEndAsync());
            await ModelEndpoints.WriteJsonAsync(context, 200, FileJson(id));
        });
        app.MapGet("/v1/files/{id}", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            if (_files.ContainsKey(id)) await ModelEndpoints.WriteJsonAsync(context, 200, FileJson(id));
            else await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), $"No file {id}");
        });
        app.MapGet("/v1/files/{id}/content", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            if (!_files.TryGetValue(id, out var file))
            {
                await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), $"No file {id}");
                return;
            }
            context.Response.ContentType = "application/octet-stream";
            await context.Response.WriteAsync(file.Content);
        });
        app.MapPost("/v1/fine_tuning/jobs", async context =>
        {
            var json = (await _server.CaptureAsync(context)).Json;
            await _createFaults.RunAsync(context, async () =>
            {
                if (RefuseJobsWith is var (status, message))
                {
                    await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(status), message);
                    return null;
                }
                string? missing = new[] { "training_file", "validation_file" }.FirstOrDefault(f => json?[f]?.GetValue<string>() is { } file && !_files.ContainsKey(file));
                if (json?["model"] is null || json["training_file"] is null || missing is not null)
                {
                    await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(400), missing is null ? "model and training_file are required" : $"Unknown {missing}");
                    return null;
                }
                return AddJob(json.AsObject());
            });
        });
        app.MapGet("/v1/fine_tuning/jobs", async context =>
        {
            await _server.CaptureAsync(context);
            await ListPage.WriteAsync(context, _jobs.Values.OrderByDescending(j => j.Number).Select(j => j.Json).ToList());
        });
        app.MapGet("/v1/fine_tuning/jobs/{id}", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            if (!_jobs.TryGetValue(id, out var job))
            {
                await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), $"No job {id}");
                return;
            }
            lock (job) job.Advance(JobPollsBeforeDone, FailJobsWith);
            await ModelEndpoints.WriteJsonAsync(context, 200, job.Json.DeepClone());
        });
        app.MapGet("/v1/fine_tuning/jobs/{id}/events", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            if (!_jobs.TryGetValue(id, out var job))
            {
                await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), $"No job {id}");
                return;
            }
            JsonNode[] newestFirst;
            lock (job) newestFirst = job.Events.Select(e => e.DeepClone()).Reverse().ToArray();
            await ModelEndpoints.WriteJsonAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = new JsonArray(newestFirst), ["has_more"] = false });
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

    /// <summary>One job: its JSON as OpenAI shows it, and its events, oldest first.</summary>
    private sealed class Job
    {
        private int _polls;

        public Job(string id, JsonObject request)
        {
            Id = id;
            Number = int.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            Json = new JsonObject
            {
                ["id"] = id,
                ["object"] = "fine_tuning.job",
                ["model"] = request["model"]!.DeepClone(),
                ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["finished_at"] = null,
                ["fine_tuned_model"] = null,
                ["organization_id"] = "org-test",
                ["result_files"] = new JsonArray(),
                ["status"] = "validating_files",
                ["training_file"] = request["training_file"]?.DeepClone(),
                ["validation_file"] = request["validation_file"]?.DeepClone(),
                ["hyperparameters"] = request["hyperparameters"]?.DeepClone() ?? new JsonObject { ["n_epochs"] = "auto" },
                ["seed"] = request["seed"]?.DeepClone() ?? 0,
                ["suffix"] = request["suffix"]?.DeepClone(),
                ["metadata"] = request["metadata"]?.DeepClone(),
                ["trained_tokens"] = null,
                ["error"] = null,
            };
            AddEvent($"Created fine-tuning job: {id}");
        }

        public string Id { get; }
        public int Number { get; }
        public JsonObject Json { get; }
        public List<JsonObject> Events { get; } = [];

        /// <summary>One status check's worth of progress.</summary>
        public void Advance(int pollsBeforeDone, string? failure)
        {
            string status = Json["status"]!.GetValue<string>();
            if (status is "succeeded" or "failed") return;
            if (status == "validating_files") AddEvent("Validating training file");
            if (_polls++ < pollsBeforeDone)
            {
                Json["status"] = "running";
                AddEvent($"Step {_polls}/{pollsBeforeDone}: training loss={1.0 / _polls:0.00}");
                return;
            }
            Json["finished_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (failure is not null)
            {
                Json["status"] = "failed";
                Json["error"] = new JsonObject { ["code"] = "invalid_training_file", ["message"] = failure, ["param"] = "training_file" };
                AddEvent($"Fine-tuning job failed: {failure}");
                return;
            }
            string suffix = Json["suffix"]?.GetValue<string>() ?? "";
            Json["status"] = "succeeded";
            Json["fine_tuned_model"] = $"ft:{Json["model"]}:test-server:{suffix}:{Id}";
            Json["trained_tokens"] = 1000;
            AddEvent($"New fine-tuned model created: {Json["fine_tuned_model"]}");
            AddEvent("The job has successfully completed");
        }

        private void AddEvent(string message) => Events.Add(new JsonObject
        {
            ["id"] = $"ftevent-{Id}-{Events.Count}",
            ["object"] = "fine_tuning.job.event",
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["level"] = message.Contains("failed", StringComparison.Ordinal) ? "error" : "info",
            ["message"] = message,
        });
    }
}
