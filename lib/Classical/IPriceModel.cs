using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Classical;

/// <summary>A fitted classical model: prices many items at once and writes itself into a model folder.</summary>
public interface IPriceModel
{
    /// <summary>Settings and learned figures worth recording with a run (vocabulary size, means, tree counts).</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>One guess per item, in order (already clamped where the course clamps).</summary>
    double[] Predict(IReadOnlyList<Item> items);

    /// <summary>Writes the model's files into <paramref name="folder"/> (file names of its own choosing).</summary>
    void Save(ModelFolder folder);
}
