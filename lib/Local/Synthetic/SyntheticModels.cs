using PricerLib.Local.Gguf;

namespace PricerLib.Local.Synthetic;

/// <summary>Tells a synthetic model (made by <c>pricer make-model</c>) from a trained one.</summary>
public static class SyntheticModels
{
    /// <summary>Metadata key holding the shape's name; present only in synthetic models.</summary>
    public const string ShapeKey = "pricer.synthetic.shape";

    /// <summary>Metadata key holding the weights' seed.</summary>
    public const string SeedKey = "pricer.synthetic.seed";

    /// <summary>Whether <paramref name="model"/> has random weights: its prices mean nothing and are never ranked.</summary>
    public static bool IsSynthetic(GgufFile model) => model.Metadata.ContainsKey(ShapeKey);
}
