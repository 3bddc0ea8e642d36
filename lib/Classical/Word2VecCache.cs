using System.Security.Cryptography;
using System.Text;
using PricerLib.Data;

namespace PricerLib.Classical;

/// <summary>
/// Trains word2vec on the training items' test prompts (<c>simple_preprocess</c> tokens), or reuses vectors trained
/// before on the same documents with the same settings: files under <c>CACHE/word2vec/</c> named by the SHA-256 of
/// the settings and the documents, so <c>word2vec-lr</c>, <c>-svr</c> and <c>-rf</c> share one training, as the
/// course's notebook shares one <c>w2v_model</c>.
/// </summary>
public sealed class Word2VecCache(string? folder)
{
    /// <summary>True when the last <see cref="GetOrTrain"/> found its vectors in the cache.</summary>
    public bool LastWasHit { get; private set; }

    /// <summary>The vectors for these documents and settings, from the cache or freshly trained (and then cached).</summary>
    public WordVectors GetOrTrain(IReadOnlyList<IReadOnlyList<string>> documents, Word2VecSettings settings, CancellationToken cancellationToken = default)
    {
        var path = folder is null ? null : Path.Combine(folder, "word2vec", Key(documents, settings) + ".w2v");
        if (path is not null && File.Exists(path))
        {
            try
            {
                using var phase = TrainingPhases.Measure("word2vec (cached)");
                using var stream = new BufferedStream(File.OpenRead(path), 1 << 20);
                var cached = WordVectors.Load(stream);
                LastWasHit = true;
                return cached;
            }
            catch (InvalidDataException)
            {
                // A damaged cache entry is retrained and replaced.
            }
        }
        LastWasHit = false;
        WordVectors vectors;
        using (TrainingPhases.Measure("word2vec (trained)")) vectors = Word2Vec.Train(documents, settings, cancellationToken);
        if (path is not null) AtomicFile.Write(path, stream => vectors.Save(new BufferedStream(stream, 1 << 20)));
        return vectors;
    }

    /// <summary>The cache key: the settings (all of them, threads included) and every token of every document, in order.</summary>
    public static string Key(IReadOnlyList<IReadOnlyList<string>> documents, Word2VecSettings settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(settings.ToString()));
        Span<byte> separator = [0];
        foreach (var document in documents)
        {
            foreach (var token in document)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(token));
                hash.AppendData(separator);
            }
            hash.AppendData([1]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
