using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;

namespace PricerLib.Tests.Local;

/// <summary>PEFT adapters with known values for the tiny models, converted to GGUF.</summary>
internal static class TinyAdapters
{
    /// <summary>Writes a PEFT adapter on <paramref name="modules"/> of <paramref name="layers"/> and converts it; returns the GGUF path.</summary>
    public static string Convert(string folder, string basePath, int rank, float alpha, IEnumerable<int> layers,
        IReadOnlyList<string> modules, Func<string, int, float[]> values)
    {
        var peft = Path.Combine(folder, "peft");
        PeftAdapterWriter.Write(peft, new PeftAdapterConfig(rank, alpha, Path.GetFileName(basePath), modules), GgufFile.Read(basePath),
            layers, modules, values);
        return LoraConverter.Convert(peft, basePath, Path.Combine(folder, "adapter.gguf")).OutputPath;
    }

    /// <summary>Random A (so the adapter is not trivially zero on input) and zero B.</summary>
    public static Func<string, int, float[]> ZeroB(int seed) => (name, count) =>
        name.Contains("lora_B") ? new float[count] : PeftAdapterWriter.Random(seed, 0.5f)(name, count);
}
