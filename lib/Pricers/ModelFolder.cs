using System.Text.Json;
using PricerLib.Data;
using PricerLib.Evaluation;

namespace PricerLib.Pricers;

/// <summary>
/// The folder a trained model lives in: its kind's own files (<see cref="File"/>, <see cref="WriteJson{T}"/>) and the
/// library's manifest, <c>model.json</c>, which says what the model is and what it was trained on.
/// </summary>
public sealed class ModelFolder
{
    /// <summary>The manifest's file name; a folder without it is not a (complete) model.</summary>
    public const string ManifestName = "model.json";

    /// <summary>Opens (and creates) the folder.</summary>
    public ModelFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside the folder (a plain file name: no folders, no <c>..</c>).</summary>
    public string File(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name != System.IO.Path.GetFileName(name) || name is "." or ".." || name == ManifestName)
            throw new ArgumentException($"'{name}' is not a plain file name a model may use.", nameof(name));
        return System.IO.Path.Combine(Path, name);
    }

    /// <summary>Writes <paramref name="value"/> as JSON, all at once.</summary>
    public void WriteJson<T>(string name, T value) =>
        AtomicFile.Write(File(name), stream => JsonSerializer.Serialize(stream, value, EvaluationJson.Options));

    /// <summary>Reads a JSON file the model wrote.</summary>
    /// <exception cref="TrainedModelException">The file is missing or is not the JSON expected.</exception>
    public T ReadJson<T>(string name)
    {
        var path = File(name);
        if (!System.IO.File.Exists(path)) throw new TrainedModelException($"{Path} is incomplete: {name} is missing.");
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, EvaluationJson.Options)
                ?? throw new TrainedModelException($"{path} holds null, not a model.");
        }
        catch (JsonException e)
        {
            throw new TrainedModelException($"{path} is not a readable model file: {e.Message}", e);
        }
    }
}

/// <summary>A trained model that cannot be saved or loaded: missing, incomplete, of another kind, or unreadable.</summary>
public sealed class TrainedModelException(string message, Exception? inner = null) : PricerException(message, inner: inner);
