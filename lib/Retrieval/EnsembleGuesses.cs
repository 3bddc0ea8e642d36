using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;

namespace PricerLib.Retrieval;

/// <summary>Every member's guess (or why there is none) for each item of a run.</summary>
/// <param name="Members">The members' labels, in order.</param>
/// <param name="Prices">[member][item]: the guess; null when the member failed on the item.</param>
/// <param name="Errors">[member][item]: why the member failed; null when it guessed.</param>
public sealed record MemberGuesses(IReadOnlyList<string> Members, double?[][] Prices, string?[][] Errors)
{
    /// <summary>Item <paramref name="index"/>'s guesses in member order; null when any member failed on it (see <see cref="Problem"/>).</summary>
    public double[]? Row(int index) => Prices.All(p => p[index] is not null) ? Prices.Select(p => p[index]!.Value).ToArray() : null;

    /// <summary>Why item <paramref name="index"/> has no full row: each failed member with its reason; null when it has one.</summary>
    public string? Problem(int index)
    {
        var failed = Enumerable.Range(0, Members.Count).Where(m => Prices[m][index] is null)
            .Select(m => $"member '{Members[m]}' failed: {Errors[m][index]}").ToList();
        return failed.Count == 0 ? null : string.Join("; ", failed);
    }
}

/// <summary>
/// Asks an ensemble's members for their guesses, keeping each member's guesses in a cache file
/// (<c>CACHE/ensemble-guesses/MEMBER.jsonl</c>, one line per item as it is priced) so that a refit or a re-run asks a
/// member only about items it has not priced yet. Failures are not cached: they are asked again.
/// </summary>
/// <param name="folder">The cache folder; null: no cache.</param>
/// <param name="log">Receives one line per member (cached and asked counts); null: silent.</param>
public sealed class EnsembleGuesses(string? folder, TextWriter? log = null)
{
    /// <summary>The cache folder's name under the settings' cache folder.</summary>
    public const string CacheFolderName = "ensemble-guesses";

    private sealed record CachedGuess(string Item, double Price);

    /// <summary>Prices <paramref name="items"/> with every member, one member after another (each at its own concurrency).</summary>
    public async Task<MemberGuesses> GuessAsync(IReadOnlyList<(EnsembleMember Member, IPricer Pricer, string CacheKey)> members, IReadOnlyList<Item> items,
        CancellationToken cancellationToken = default)
    {
        var keys = items.Select(ItemKey).ToArray();
        var prices = new double?[members.Count][];
        var errors = new string?[members.Count][];
        for (int m = 0; m < members.Count; m++)
        {
            var (member, pricer, cacheKey) = members[m];
            var cached = Load(cacheKey);
            prices[m] = keys.Select(k => cached.TryGetValue(k, out var price) ? price : (double?)null).ToArray();
            errors[m] = new string?[items.Count];
            var missing = Enumerable.Range(0, items.Count).Where(i => prices[m][i] is null).ToList();
            log?.WriteLine($"Ensemble member {member.Label}: {items.Count - missing.Count} of {items.Count} guesses cached, {missing.Count} to ask.");
            if (missing.Count == 0) continue;
            var saver = new GuessSaver(PathOf(cacheKey), missing.Select(i => keys[i]).ToList());
            var report = await Tester.RunAsync(pricer, missing.Select(i => items[i]).ToList(),
                new TesterOptions { Size = missing.Count, Title = member.Label, Reporter = saver }, cancellationToken).ConfigureAwait(false);
            foreach (var result in report.Items)
            {
                prices[m][missing[result.Index]] = result.Guess;
                errors[m][missing[result.Index]] = result.FailedReason;
            }
        }
        return new MemberGuesses(members.Select(m => m.Member.Label).ToList(), prices, errors);
    }

    // An item is known by what a pricer sees of it.
    private static string ItemKey(Item item) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { item.Title, item.Prompt, item.Summary }))));

    private string? PathOf(string cacheKey) => folder is null ? null : Path.Combine(folder, cacheKey + ".jsonl");

    private Dictionary<string, double> Load(string cacheKey)
    {
        var guesses = new Dictionary<string, double>(StringComparer.Ordinal);
        if (PathOf(cacheKey) is not { } path || !File.Exists(path)) return guesses;
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            try
            {
                if (JsonSerializer.Deserialize<CachedGuess>(line) is { Item: not null } guess) guesses[guess.Item] = guess.Price;
            }
            catch (JsonException)
            {
                // A line cut short by an interrupted run: that item is asked again.
            }
        }
        return guesses;
    }

    /// <summary>Appends each guess to the member's cache file as soon as it is in (an interrupted run keeps them).</summary>
    private sealed class GuessSaver(string? path, IReadOnlyList<string> itemKeys) : ITestReporter
    {
        private bool _started;

        public void ItemScored(ItemResult result, int total)
        {
            if (path is null || result.Guess is not { } guess) return;
            if (!_started)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                // Start on a fresh line, so a line torn by an interrupted run never spoils the next one.
                File.AppendAllText(path, "\n");
                _started = true;
            }
            File.AppendAllText(path, JsonSerializer.Serialize(new CachedGuess(itemKeys[result.Index], guess)) + "\n");
        }

        public void Finished(TestReport report)
        {
        }
    }
}
