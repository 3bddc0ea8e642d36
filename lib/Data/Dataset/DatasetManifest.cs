using System.Text.Json;
using System.Text.Json.Serialization;

namespace PricerLib.Data.Dataset;

/// <summary>One file of a train/test pair as its manifest records it.</summary>
/// <param name="File">The file's name in the folder.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
/// <param name="Items">How many items it holds.</param>
public sealed record ManifestFile(string File, long Bytes, string Sha256, int Items)
{
    /// <summary>The record of the file at <paramref name="path"/>, to be known as <paramref name="name"/>.</summary>
    internal static ManifestFile Of(string path, string name, int items) => new(name, new FileInfo(path).Length, DataFiles.Sha256Of(path), items);

    /// <summary>Why the file at <paramref name="path"/> is not this one; null when it is.</summary>
    internal string? Mismatch(string path)
    {
        if (!System.IO.File.Exists(path)) return "it is missing";
        long bytes = new FileInfo(path).Length;
        if (bytes != Bytes) return $"{bytes:N0} bytes, the manifest says {Bytes:N0}";
        return DataFiles.Sha256Of(path) == Sha256 ? null : "its SHA-256 differs from the manifest's";
    }
}

/// <summary>
/// <c>manifest.json</c> beside a train/test pair (<see cref="DatasetSplit.Save"/> writes it): both files' SHA-256,
/// sizes and item counts, and the seed. A pair is replaced by writing both files in full, then this manifest, then
/// renaming both: whatever stops that (a full disk, Ctrl-C, a crash) leaves either the old pair with its old manifest
/// or a pair that disagrees with the new one, which <see cref="Check"/> reports — never a silent mix of two builds.
/// </summary>
/// <param name="Seed">The seed of the balanced sampling and the shuffle.</param>
/// <param name="Train">The training split's file.</param>
/// <param name="Test">The test split's file.</param>
/// <param name="Created">When the pair was written.</param>
public sealed record DatasetManifest(int Seed, ManifestFile Train, ManifestFile Test, DateTimeOffset Created)
{
    /// <summary>The manifest's file name in the pair's folder.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Writes the manifest into <paramref name="folder"/> (atomically).</summary>
    internal void Write(string folder) =>
        AtomicFile.Write(Path.Combine(folder, FileName), stream => JsonSerializer.Serialize(stream, this, Json));

    /// <summary>
    /// What is wrong with the items file at <paramref name="itemsPath"/> by the manifest beside it: nothing when the
    /// folder has no manifest or the manifest does not name the file; otherwise a warning for a file that differs
    /// from its record (size or SHA-256) or a manifest that cannot be read.
    /// </summary>
    public static IReadOnlyList<string> Check(string itemsPath)
    {
        var full = Path.GetFullPath(itemsPath);
        var manifestPath = Path.Combine(Path.GetDirectoryName(full)!, FileName);
        if (!File.Exists(manifestPath)) return [];
        DatasetManifest? manifest;
        try
        {
            using var stream = File.OpenRead(manifestPath);
            manifest = JsonSerializer.Deserialize<DatasetManifest>(stream, Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return [$"{manifestPath} cannot be read ({e.Message}), so {itemsPath} cannot be checked against it; rebuild the pair with `pricer build-dataset`."];
        }
        if (manifest?.Train is null || manifest.Test is null)
            return [$"{manifestPath} is not a dataset manifest, so {itemsPath} cannot be checked against it; rebuild the pair with `pricer build-dataset`."];
        var name = Path.GetFileName(full);
        var record = name == manifest.Train.File ? manifest.Train : name == manifest.Test.File ? manifest.Test : null;
        if (record?.Mismatch(full) is not { } why) return [];
        return [$"{itemsPath} does not match {manifestPath} ({why}): train and test may come from different builds " +
                "(an interrupted or failed build-dataset); rebuild the pair with `pricer build-dataset`."];
    }

    /// <summary>
    /// <see cref="Check"/> for both files of the pair in <paramref name="folder"/>, and a warning when the folder has
    /// no manifest at all (a pair written before manifests, or by hand).
    /// </summary>
    public static IReadOnlyList<string> CheckPair(string folder)
    {
        if (!File.Exists(Path.Combine(folder, FileName)))
            return [$"{folder} has no {FileName}: whether its train and test files belong together cannot be checked."];
        return [.. Check(Path.Combine(folder, DatasetSplit.TrainFileName)), .. Check(Path.Combine(folder, DatasetSplit.TestFileName))];
    }
}
