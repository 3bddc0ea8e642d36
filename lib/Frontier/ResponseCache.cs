using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PricerLib.Data;

namespace PricerLib.Frontier;

/// <summary>
/// Answers already paid for, one small JSON file per request under a cache folder, keyed by the SHA-256 of
/// (endpoint, model, messages, parameters). Each answer is written as soon as it arrives, so an interrupted run
/// resumes where it stopped and a re-run costs nothing. Holds no key: none is part of what is hashed or stored.
/// </summary>
public sealed class ResponseCache(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The cache's folder (e.g. <c>cache/frontier-responses</c>).</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The cache key of one request.</summary>
    public static string KeyFor(string endpoint, ChatParameters parameters, IReadOnlyList<ChatTurn> messages)
    {
        string canonical = JsonSerializer.Serialize(new
        {
            endpoint,
            model = parameters.Model,
            messages = messages.Select(m => new { role = m.Role.ToString().ToLowerInvariant(), content = m.Content }),
            max_tokens = parameters.MaxTokens,
            token_limit = parameters.TokenLimit.ToString(),
            seed = parameters.Seed,
        });
        // Appended only when sent, so the keys of runs without it (every 2024 run) stay as they were.
        if (parameters.ReasoningEffort is { } effort) canonical += "\nreasoning_effort=" + effort;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// The cache key of a request known by what determines its messages (<see cref="FrontierOptions.RequestIdentity"/>)
    /// rather than by the messages themselves.
    /// </summary>
    public static string KeyFor(string endpoint, ChatParameters parameters, string requestIdentity) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { endpoint, parameters, requestIdentity })));

    /// <summary>The stored answer for <paramref name="key"/>; false when there is none (or the file is damaged).</summary>
    public bool TryGet(string key, out ChatAnswer answer)
    {
        answer = null!;
        var path = PathOf(key);
        if (!File.Exists(path)) return false;
        try
        {
            answer = JsonSerializer.Deserialize<ChatAnswer>(File.ReadAllText(path), Json)!;
            return answer?.Text is not null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return false; // a damaged entry is asked again and rewritten
        }
    }

    /// <summary>True when an answer is stored under <paramref name="key"/>.</summary>
    public bool Contains(string key) => File.Exists(PathOf(key));

    /// <summary>Stores <paramref name="answer"/> under <paramref name="key"/> (atomically).</summary>
    public void Put(string key, ChatAnswer answer) =>
        AtomicFile.Write(PathOf(key), stream => JsonSerializer.Serialize(stream, answer, Json));

    /// <summary>Forgets the answer stored under <paramref name="key"/>, if any, so the next run asks again.</summary>
    public void Remove(string key) => File.Delete(PathOf(key));

    /// <summary>How many answers are stored.</summary>
    public int Count => Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories).Count() : 0;

    private string PathOf(string key) => Path.Combine(Folder, key[..2], key + ".json");
}
