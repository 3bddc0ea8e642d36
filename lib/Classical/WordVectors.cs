using System.Text;

namespace PricerLib.Classical;

/// <summary>Trained word vectors (gensim's <c>KeyedVectors</c>): one row of <see cref="Dimensions"/> floats per word.</summary>
public sealed class WordVectors
{
    private const string Magic = "pricer-word2vec-1";

    /// <summary>Zero vectors for <paramref name="words"/>, filled by training or loading.</summary>
    public WordVectors(IReadOnlyList<string> words, int dimensions)
    {
        Words = words;
        Dimensions = dimensions;
        Values = new float[words.Count * dimensions];
        Index = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++) Index.Add(words[i], i);
    }

    /// <summary>The vocabulary, most frequent first.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Vector size.</summary>
    public int Dimensions { get; }

    /// <summary>All vectors, row after row.</summary>
    internal float[] Values { get; }

    /// <summary>Row of each word.</summary>
    internal Dictionary<string, int> Index { get; }

    /// <summary>True when <paramref name="word"/> has a vector (gensim's <c>word in model.wv</c>).</summary>
    public bool Contains(string word) => Index.ContainsKey(word);

    /// <summary>A word's vector (<c>model.wv[word]</c>).</summary>
    public ReadOnlySpan<float> this[string word] =>
        Index.TryGetValue(word, out int i) ? Values.AsSpan(i * Dimensions, Dimensions) : throw new KeyNotFoundException($"'{word}' is not in the vocabulary.");

    /// <summary>
    /// The course's <c>document_vector</c>: the mean of the vectors of the document's words that have one (repeats
    /// count), zeros when none has.
    /// </summary>
    public float[] DocumentVector(IEnumerable<string> tokens)
    {
        var sum = new float[Dimensions];
        int count = 0;
        foreach (var token in tokens)
        {
            if (!Index.TryGetValue(token, out int i)) continue;
            Word2Vec.Add(sum, Values.AsSpan(i * Dimensions, Dimensions), 1f);
            count++;
        }
        if (count > 0) for (int d = 0; d < sum.Length; d++) sum[d] /= count;
        return sum;
    }

    /// <summary>The <paramref name="count"/> words nearest <paramref name="word"/> by cosine similarity (gensim's <c>most_similar</c>).</summary>
    public IReadOnlyList<(string Word, double Similarity)> MostSimilar(string word, int count = 10)
    {
        var target = this[word].ToArray();
        double norm = Norm(target);
        return Words.Where(w => w != word)
            .Select(w => (w, Cosine(target, norm, this[w])))
            .OrderByDescending(p => p.Item2).Take(count).ToList();
    }

    /// <summary>Writes the vectors in this workbook's binary format.</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Dimensions);
        writer.Write(Words.Count);
        foreach (var word in Words) writer.Write(word);
        foreach (var value in Values) writer.Write(value);
    }

    /// <summary>Reads vectors written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a vectors file, or cut short.</exception>
    public static WordVectors Load(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadString() != Magic) throw new InvalidDataException("Not a word2vec vectors file of this workbook.");
            int dimensions = reader.ReadInt32(), count = reader.ReadInt32();
            if (dimensions < 1 || count < 0) throw new InvalidDataException("The vectors file has a corrupt header.");
            var words = new string[count];
            for (int i = 0; i < count; i++) words[i] = reader.ReadString();
            var vectors = new WordVectors(words, dimensions);
            for (int i = 0; i < vectors.Values.Length; i++) vectors.Values[i] = reader.ReadSingle();
            return vectors;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"The vectors file is unreadable: {e.Message}", e);
        }
    }

    private static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    private static double Cosine(float[] a, double normA, ReadOnlySpan<float> b)
    {
        double dot = 0;
        for (int i = 0; i < a.Length; i++) dot += (double)a[i] * b[i];
        double denominator = normA * Norm(b);
        return denominator == 0 ? 0 : dot / denominator;
    }
}
