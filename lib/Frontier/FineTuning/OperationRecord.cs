using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PricerLib.Data;

namespace PricerLib.Frontier.FineTuning;

/// <summary>
/// A small JSON file under the cache folder naming a paid operation (a fine-tuning job, a batch) by the fingerprint of
/// what it was asked to do at which endpoint, so a re-run follows that operation instead of paying again. Holds ids
/// and the endpoint, never a key.
/// </summary>
/// <param name="Path">The record's file.</param>
public sealed record OperationRecord(string Path)
{
    /// <summary>The record of <paramref name="fingerprint"/> at <paramref name="endpoint"/> in <paramref name="folder"/>.</summary>
    public static OperationRecord For(string folder, string endpoint, string fingerprint) =>
        new(System.IO.Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint + "\n" + fingerprint)))[..32] + ".json"));

    /// <summary>The recorded id; null when there is no record (or it is damaged, and so ignored).</summary>
    public string? ReadId()
    {
        if (!File.Exists(Path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path))?["id"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Records <paramref name="id"/> (atomically) with what it is, for a person reading the folder.</summary>
    public void Write(string id, string what, string endpoint) => AtomicFile.Write(Path, stream =>
    {
        var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["what"] = what, ["endpoint"] = endpoint, ["created"] = DateTimeOffset.UtcNow.ToString("O") }.ToJsonString());
        stream.Write(bytes);
    });

    /// <summary>Forgets the operation (it failed: a re-run starts a new one).</summary>
    public void Delete() => File.Delete(Path);
}
