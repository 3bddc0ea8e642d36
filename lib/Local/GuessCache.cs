using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PricerLib.Pricers;

namespace PricerLib.Local;

/// <summary>
/// Guesses already made by one configuration (model, adapter, method and its settings), keyed by prompt, in one
/// JSONL file under the settings' cache folder, so that a long CPU run that stops resumes where it was. Files are
/// identified by path, size and modification time (hashing a 5 GB model on every start would cost more than it saves).
/// </summary>
public sealed class GuessCache
{
    private readonly Dictionary<string, PriceGuess> guesses = new(StringComparer.Ordinal);
    private readonly object gate = new();

    private GuessCache(string path) => Path = path;

    /// <summary>The JSONL file.</summary>
    public string Path { get; }

    /// <summary>Guesses held.</summary>
    public int Count { get { lock (gate) return guesses.Count; } }

    /// <summary>Opens (or starts) the cache of the configuration described by <paramref name="identity"/> under <paramref name="cacheFolder"/>.</summary>
    public static GuessCache Open(string cacheFolder, string identity)
    {
        var folder = System.IO.Path.Combine(cacheFolder, "local-guesses");
        Directory.CreateDirectory(folder);
        var cache = new GuessCache(System.IO.Path.Combine(folder, Hash(identity)[..24] + ".jsonl"));
        if (File.Exists(cache.Path))
            foreach (var line in File.ReadLines(cache.Path))
                if (TryParse(line, out var key, out var guess)) cache.guesses[key] = guess; // a line cut by a crash is skipped
        return cache;
    }

    /// <summary>The identity of a file for a cache key: full path, size and last write time.</summary>
    public static string FileIdentity(string path)
    {
        var info = new FileInfo(path);
        return $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
    }

    /// <summary>The guess stored for <paramref name="prompt"/>, if any.</summary>
    public bool TryGet(string prompt, out PriceGuess guess)
    {
        lock (gate) return guesses.TryGetValue(Hash(prompt), out guess!);
    }

    /// <summary>Stores and appends a guess.</summary>
    public void Add(string prompt, PriceGuess guess)
    {
        var key = Hash(prompt);
        var line = JsonSerializer.Serialize(new Entry(key, guess.Price, guess.Reply));
        lock (gate)
        {
            guesses[key] = guess;
            File.AppendAllText(Path, line + "\n");
        }
    }

    private static bool TryParse(string line, out string key, out PriceGuess guess)
    {
        (key, guess) = ("", null!);
        try
        {
            if (JsonSerializer.Deserialize<Entry>(line) is not { Prompt: { } k } entry) return false;
            (key, guess) = (k, new PriceGuess(entry.Price, entry.Reply));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed record Entry(string Prompt, double Price, string? Reply);
}
