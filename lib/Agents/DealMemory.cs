using System.Globalization;
using System.Text.Json;
using PricerLib.Data;

namespace PricerLib.Agents;

/// <summary>
/// The course's <c>memory.json</c>: the opportunities surfaced so far, in the course's JSON (an indented list of
/// <c>{deal: {product_description, price, url}, estimate, discount}</c>). Written atomically (a crash mid-write leaves
/// the previous file); a file that cannot be read is moved aside (<c>memory.json.corrupt-TIME</c>) with a warning and a
/// fresh memory starts, so nothing is silently emptied.
/// </summary>
/// <param name="path">The memory file.</param>
public sealed class DealMemory(string path)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The memory file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// The opportunities in the file (none when it does not exist). A damaged file is moved aside and
    /// <paramref name="warn"/> says where; an empty list is returned.
    /// </summary>
    public IReadOnlyList<Opportunity> Read(Action<string> warn)
    {
        if (!File.Exists(Path)) return [];
        try
        {
            using var stream = File.OpenRead(Path);
            var opportunities = JsonSerializer.Deserialize<List<Opportunity>>(stream)
                ?? throw new JsonException("the file holds null, not a list");
            if (opportunities.Any(o => o?.Deal?.Url is null)) throw new JsonException("an entry has no deal or url");
            return opportunities;
        }
        catch (JsonException e)
        {
            var aside = $"{Path}.corrupt-{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
            File.Move(Path, aside, overwrite: false);
            warn($"The memory file {Path} could not be read ({e.Message}); it was kept as {aside} and a new memory starts");
            return [];
        }
    }

    /// <summary>Replaces the file with <paramref name="opportunities"/> (atomically).</summary>
    public void Write(IReadOnlyList<Opportunity> opportunities) =>
        AtomicFile.Write(Path, stream => JsonSerializer.Serialize(stream, opportunities, Indented));
}
