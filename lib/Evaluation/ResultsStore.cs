using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using PricerLib.Data;

namespace PricerLib.Evaluation;

/// <summary>The stored runs that could be read, and a warning for each file that could not.</summary>
public sealed record StoredRuns(IReadOnlyList<RunRecord> Runs, IReadOnlyList<string> Warnings);

/// <summary>
/// The results store: one JSON file per run, named by the run name's slug, in a folder
/// (default <see cref="WorkbookSettings.Results"/>, ignored by git).
/// </summary>
public sealed class ResultsStore(string folder)
{
    /// <summary>The project's results folder.</summary>
    public static ResultsStore Default => new(WorkbookSettings.Current.Results);

    /// <summary>The folder holding the run files.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>
    /// The file-name form of a run name: lower case, runs of anything but a–z and 0–9 become one "-"
    /// ("GPT-4o mini" → "gpt-4o-mini"). Names with the same slug are the same run: saving one replaces the other.
    /// </summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (char c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().TrimEnd('-');
        if (text.Length <= MaxSlugLength) return text.Length == 0 ? "run" : text;
        // Default names hold paths (llama:/models/m.gguf --lora /adapters/a.gguf): keep file names short and distinct.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return $"{text[..(MaxSlugLength - hash.Length - 1)].TrimEnd('-')}-{hash}";
    }

    private const int MaxSlugLength = 120;

    /// <summary>The file a run of this name is stored in.</summary>
    public string PathFor(string name) => Path.Combine(Folder, Slug(name) + ".json");

    /// <summary>
    /// Saves a run, replacing any stored run with the same slug, atomically: the JSON goes to a temporary file in the
    /// same folder and is then moved over the old one, so a reader never sees half a file.
    /// </summary>
    public string Save(RunRecord run)
    {
        string path = PathFor(run.Name);
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, run, EvaluationJson.Options));
        return path;
    }

    /// <summary>
    /// The name of a stored run that saving a run named <paramref name="name"/> would replace although its name differs
    /// ("GPT 4o" and "gpt-4o" share the slug <c>gpt-4o</c>); null when there is none, or the same name is stored.
    /// </summary>
    public string? OtherNameSharingSlug(string name)
    {
        string path = PathFor(name);
        if (!File.Exists(path)) return null;
        try
        {
            var stored = Read(path).Name;
            return stored == name ? null : stored;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or NotSupportedException)
        {
            return null; // not a readable run: nothing of value is replaced
        }
    }

    /// <summary>The stored run of this name; null when there is none.</summary>
    public RunRecord? Load(string name)
    {
        string path = PathFor(name);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>
    /// Every stored run, by file name; only files named like <see cref="Save"/> names them are runs. A file that is not a readable run (corrupt, cut short, another schema) is
    /// skipped with a warning naming it, so one bad file never hides the others.
    /// </summary>
    public StoredRuns LoadAll()
    {
        var runs = new List<RunRecord>();
        var warnings = new List<string>();
        if (!Directory.Exists(Folder)) return new StoredRuns(runs, warnings);
        foreach (var path in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (!IsRunFileName(Path.GetFileName(path))) continue; // hidden files, temp files, other tools' JSON

            try
            {
                runs.Add(Read(path));
            }
            catch (Exception e) when (e is JsonException or IOException or InvalidDataException or NotSupportedException)
            {
                warnings.Add($"Skipped {path}: not a readable run ({e.Message})");
            }
        }
        return new StoredRuns(runs, warnings);
    }

    /// <summary>True for the names <see cref="Save"/> gives: a slug and ".json", so never hidden and never a temp file.</summary>
    public static bool IsRunFileName(string fileName) =>
        fileName.EndsWith(".json", StringComparison.Ordinal) && fileName[..^".json".Length] is { Length: > 0 } stem && Slug(stem) == stem;

    private static RunRecord Read(string path)
    {
        using var stream = File.OpenRead(path);
        var run = JsonSerializer.Deserialize<RunRecord>(stream, EvaluationJson.Options)
            ?? throw new InvalidDataException("the file holds null");
        if (run.Items is null || run.Metrics is null) throw new InvalidDataException("items or metrics are missing");
        return run;
    }
}
