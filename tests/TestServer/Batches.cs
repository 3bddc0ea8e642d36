using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PricerLib.TestServer;

/// <summary>
/// In-memory <c>/v1/batches</c> (OpenAI's Batch API) over the uploaded files of <see cref="FilesAndJobs"/>. A created
/// batch is <c>validating</c>, then <c>in_progress</c> for <see cref="PollsBeforeDone"/> status checks, then
/// <c>completed</c>: each input line's body is answered as <c>/v1/chat/completions</c> would answer it (queued replies,
/// rules, the responder), 200s into the output file, errors into the error file. A malformed input file, or
/// <see cref="FailWith"/>, makes it <c>failed</c> with that reason.
/// </summary>
public sealed class Batches
{
    private readonly OpenAiTestServer _server;
    private readonly FilesAndJobs _files;
    private readonly ConcurrentDictionary<string, (JsonObject Json, int Polls)> _batches = new();

    internal Batches(OpenAiTestServer server, FilesAndJobs files)
    {
        _server = server;
        _files = files;
    }

    /// <summary>Status checks a batch stays <c>in_progress</c> for before it completes; default 0.</summary>
    public int PollsBeforeDone { get; set; }

    /// <summary>When set, batches end <c>failed</c> with this error message.</summary>
    public string? FailWith { get; set; }

    /// <summary>Every batch created so far (their JSON).</summary>
    public IReadOnlyList<JsonObject> All => _batches.Values.Select(b => b.Json).ToList();

    internal void Map(WebApplication app)
    {
        app.MapPost("/v1/batches", async context =>
        {
            var json = (await _server.CaptureAsync(context)).Json;
            string? input = json?["input_file_id"]?.GetValue<string>();
            if (input is null || _files.FileContent(input) is null || json?["endpoint"]?.GetValue<string>() != "/v1/chat/completions")
            {
                await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(400), "input_file_id must name an uploaded file and endpoint must be /v1/chat/completions");
                return;
            }
            string id = _files.NextId("batch");
            var batch = new JsonObject
            {
                ["id"] = id,
                ["object"] = "batch",
                ["endpoint"] = "/v1/chat/completions",
                ["errors"] = null,
                ["input_file_id"] = input,
                ["completion_window"] = json["completion_window"]?.DeepClone(),
                ["status"] = "validating",
                ["output_file_id"] = null,
                ["error_file_id"] = null,
                ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["request_counts"] = Counts(0, 0, 0),
                ["metadata"] = json["metadata"]?.DeepClone(),
            };
            _batches[id] = (batch, 0);
            await ModelEndpoints.WriteJsonAsync(context, 200, batch.DeepClone());
        });
        app.MapGet("/v1/batches", async context =>
        {
            await _server.CaptureAsync(context);
            var newestFirst = _batches.Values.Select(b => b.Json).Reverse().Select(b => b.DeepClone()).ToArray();
            await ModelEndpoints.WriteJsonAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = new JsonArray(newestFirst), ["has_more"] = false });
        });
        app.MapGet("/v1/batches/{id}", async (HttpContext context, string id) =>
        {
            await _server.CaptureAsync(context);
            if (!_batches.TryGetValue(id, out var entry))
            {
                await ModelEndpoints.WriteErrorAsync(context, ServerReply.Error(404), $"No batch {id}");
                return;
            }
            JsonObject batch;
            lock (entry.Json) batch = Advance(id, entry.Json, entry.Polls);
            await ModelEndpoints.WriteJsonAsync(context, 200, batch.DeepClone());
        });
    }

    private JsonObject Advance(string id, JsonObject batch, int polls)
    {
        if (batch["status"]!.GetValue<string>() is "completed" or "failed") return batch;
        _batches[id] = (batch, polls + 1);
        var lines = _files.FileContent(batch["input_file_id"]!.GetValue<string>())!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (polls < PollsBeforeDone)
        {
            batch["status"] = "in_progress";
            batch["request_counts"] = Counts(lines.Length, lines.Length * polls / Math.Max(1, PollsBeforeDone), 0);
            return batch;
        }
        var requests = lines.Select(ParseLine).ToList();
        string? failure = FailWith ?? (requests.Any(r => r is null) ? "The input file is not valid batch JSONL (custom_id, method, url and body on every line)." : null);
        if (failure is not null)
        {
            batch["status"] = "failed";
            batch["errors"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(new JsonObject { ["code"] = "invalid_request", ["message"] = failure, ["line"] = null }) };
            return batch;
        }
        StringBuilder output = new(), errors = new();
        int failed = 0;
        foreach (var (customId, body) in requests.Select(r => r!.Value))
        {
            var request = new CapturedRequest(0, "POST", "/v1/chat/completions", new Dictionary<string, string>(), body.ToJsonString());
            var reply = _server.Choose(request);
            bool ok = reply.Status == 200 && reply.RawBody is null && !reply.Drop;
            JsonNode responseBody = ok ? ModelEndpoints.ChatBody(request, reply)
                : new JsonObject { ["error"] = new JsonObject { ["message"] = $"Scripted error {reply.Status}", ["type"] = "server_error" } };
            var line = new JsonObject
            {
                ["id"] = $"batch_req_{id}_{customId}",
                ["custom_id"] = customId,
                ["response"] = new JsonObject { ["status_code"] = ok ? 200 : reply.Status, ["request_id"] = $"req_{customId}", ["body"] = responseBody },
                ["error"] = null,
            };
            (ok ? output : errors).Append(line.ToJsonString()).Append('\n');
            if (!ok) failed++;
        }
        batch["status"] = "completed";
        batch["completed_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        batch["output_file_id"] = _files.AddFile($"{id}_output.jsonl", "batch_output", output.ToString());
        batch["error_file_id"] = failed > 0 ? _files.AddFile($"{id}_error.jsonl", "batch_output", errors.ToString()) : null;
        batch["request_counts"] = Counts(requests.Count, requests.Count - failed, failed);
        return batch;
    }

    private static (string CustomId, JsonObject Body)? ParseLine(string line)
    {
        try
        {
            var json = JsonNode.Parse(line);
            return json?["custom_id"]?.GetValue<string>() is { } id && json["method"]?.GetValue<string>() == "POST"
                && json["url"]?.GetValue<string>() == "/v1/chat/completions" && json["body"] is JsonObject body ? (id, body) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonObject Counts(int total, int completed, int failed) => new() { ["total"] = total, ["completed"] = completed, ["failed"] = failed };
}
