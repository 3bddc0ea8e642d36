using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>The binary files of a classical model folder (JSON goes through <see cref="ModelFolder"/>), damage reported as <see cref="TrainedModelException"/>.</summary>
internal static class ModelFiles
{
    public static void WriteVectors(ModelFolder folder, string name, WordVectors vectors) =>
        AtomicFile.Write(folder.File(name), stream => vectors.Save(new BufferedStream(stream, 1 << 20)));

    /// <exception cref="TrainedModelException">The file is missing or unreadable.</exception>
    public static WordVectors ReadVectors(ModelFolder folder, string name)
    {
        var path = Existing(folder, name);
        try
        {
            using var stream = new BufferedStream(File.OpenRead(path), 1 << 20);
            return WordVectors.Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new TrainedModelException($"{path}: {e.Message}", e);
        }
    }

    /// <exception cref="TrainedModelException">The file is missing.</exception>
    public static string Existing(ModelFolder folder, string name)
    {
        var path = folder.File(name);
        return File.Exists(path) ? path : throw new TrainedModelException($"{folder.Path} is incomplete: {name} is missing.");
    }
}
