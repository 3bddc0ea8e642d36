using System.Text.Json;
using PricerLib.Data;

namespace PricerLib.Classical;

/// <summary>Reads and writes the JSON and binary files of a classical model folder, turning damage into one exception type.</summary>
internal static class ModelFiles
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void WriteJson<T>(string folder, string name, T value) =>
        AtomicFile.Write(Path.Combine(folder, name), stream => JsonSerializer.Serialize(stream, value, Options));

    /// <exception cref="InvalidDataException">The file is missing or is not the JSON expected.</exception>
    public static T ReadJson<T>(string folder, string name)
    {
        var path = Existing(folder, name);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{path} holds null, not a model.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable model file: {e.Message}", e);
        }
    }

    public static void WriteVectors(string folder, string name, WordVectors vectors) =>
        AtomicFile.Write(Path.Combine(folder, name), vectors.Save);

    /// <exception cref="InvalidDataException">The file is missing or unreadable.</exception>
    public static WordVectors ReadVectors(string folder, string name)
    {
        using var stream = File.OpenRead(Existing(folder, name));
        return WordVectors.Load(new BufferedStream(stream, 1 << 20));
    }

    public static string Existing(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new InvalidDataException($"{folder} is incomplete: {name} is missing.");
    }
}
