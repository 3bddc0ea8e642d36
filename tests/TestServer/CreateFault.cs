using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PricerLib.TestServer;

/// <summary>How a create (<c>POST /v1/fine_tuning/jobs</c>, <c>POST /v1/batches</c>) goes wrong.</summary>
public enum CreateFault
{
    /// <summary>The connection is dropped before anything is created: a resend is the only way to get the job.</summary>
    DropBeforeCreating,

    /// <summary>The job is created, then the connection is dropped before the answer: a blind resend pays twice.</summary>
    DropAfterCreating,

    /// <summary>The job is created, and the answer comes only after 10 s (a client's timeout), unless the client gives up first.</summary>
    LateAfterCreating,
}

/// <summary>Faults queued for the next creates of one kind, one each, in arrival order.</summary>
internal sealed class CreateFaults
{
    private readonly ConcurrentQueue<CreateFault> _queue = new();

    public void Enqueue(IEnumerable<CreateFault> faults)
    {
        foreach (var fault in faults) _queue.Enqueue(fault);
    }

    /// <summary>Runs one create: <paramref name="create"/> stores the job and returns its JSON (null: refused, already answered).</summary>
    public async Task RunAsync(HttpContext context, Func<Task<JsonNode?>> create)
    {
        CreateFault? fault = _queue.TryDequeue(out var next) ? next : null;
        if (fault == CreateFault.DropBeforeCreating)
        {
            context.Abort();
            return;
        }
        var json = await create();
        if (json is null) return;
        if (fault == CreateFault.DropAfterCreating)
        {
            context.Abort();
            return;
        }
        if (fault == CreateFault.LateAfterCreating)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up: nobody to answer
            }
        }
        await ModelEndpoints.WriteJsonAsync(context, 200, json);
    }
}

/// <summary>One page of a list endpoint as OpenAI pages it: <c>limit</c> (default 20, at most 100), <c>after</c> an id, <c>has_more</c>.</summary>
internal static class ListPage
{
    public static Task WriteAsync(HttpContext context, IReadOnlyList<JsonObject> newestFirst)
    {
        var query = context.Request.Query;
        int limit = int.TryParse(query["limit"], out int asked) ? Math.Clamp(asked, 1, 100) : 20;
        string? after = query["after"];
        // An unknown cursor gives an empty page, not the first one again (a client would loop).
        int start = after is null ? 0 : newestFirst.Select(j => j["id"]?.GetValue<string>()).TakeWhile(id => id != after).Count() + 1;
        var page = newestFirst.Skip(start).Take(limit).Select(j => (JsonNode)j.DeepClone()).ToArray();
        return ModelEndpoints.WriteJsonAsync(context, 200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(page),
            ["first_id"] = page.FirstOrDefault()?["id"]?.DeepClone(),
            ["last_id"] = page.LastOrDefault()?["id"]?.DeepClone(),
            ["has_more"] = start + page.Length < newestFirst.Count,
        });
    }
}
