using PricerLib.Local.Gguf;

namespace PricerLib.Local.Synthetic;

/// <summary>Tells a synthetic model (made by <c>pricer make-model</c>) from a trained one.</summary>
public static class SyntheticModels
{
    /// <summary>Metadata key holding the shape's name; present only in synthetic models.</summary>
    public const string ShapeKey = "pricer.synthetic.shape";

    /// <summary>Metadata key holding the weights' seed.</summary>
    public const string SeedKey = "pricer.synthetic.seed";

    /// <summary>The run parameter (in <see cref="Pricers.PricerDetails.Parameters"/>) that marks a run on a synthetic model, with its shape.</summary>
    public const string RunParameter = "synthetic";

    /// <summary>Whether <paramref name="model"/> has random weights: its prices mean nothing and are never ranked.</summary>
    public static bool IsSynthetic(GgufFile model) => model.Metadata.ContainsKey(ShapeKey);

    /// <summary>Whether a stored run priced with a synthetic model (its prices mean nothing: never ranked).</summary>
    public static bool IsSynthetic(Evaluation.RunRecord run) => run.Model.Parameters.ContainsKey(RunParameter);
}
