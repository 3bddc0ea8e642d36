using PricerLib.Retrieval;

namespace PricerLib.Tests.Retrieval;

/// <summary>One real MiniLM embedder for the whole test run (loading the 90 MB ONNX file takes a second).</summary>
internal static class Embedders
{
    private static readonly Lazy<SentenceEmbedder> Shared = new(() => new SentenceEmbedder(EmbedderModel.FromPackage()));

    public static SentenceEmbedder MiniLm => Shared.Value;

    public static float Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}
