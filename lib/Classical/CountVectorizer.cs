namespace PricerLib.Classical;

/// <summary>
/// scikit-learn's <c>CountVectorizer(max_features=N, stop_words='english')</c>, fitted: the vocabulary of the N
/// terms most frequent across the corpus (total count; ties to the alphabetically first, as scikit-learn's stable
/// sort over its sorted vocabulary), columns in alphabetical order, raw counts.
/// </summary>
public sealed class CountVectorizer
{
    private readonly Dictionary<string, int> columns;

    /// <summary>A vectorizer over a known vocabulary (as saved), in column order.</summary>
    public CountVectorizer(IReadOnlyList<string> vocabulary)
    {
        Vocabulary = vocabulary;
        columns = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++) columns.Add(vocabulary[i], i);
    }

    /// <summary>The terms, one per column, in alphabetical (code unit) order.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Learns the vocabulary of <paramref name="documents"/>.</summary>
    public static CountVectorizer Fit(IEnumerable<string> documents, int maxFeatures = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFeatures);
        // Counted on every core, one dictionary per partition, then added up: sums do not depend on the order.
        var counts = documents.AsParallel().Aggregate(
            () => new Dictionary<string, long>(StringComparer.Ordinal),
            (local, document) =>
            {
                foreach (var term in Terms(document)) local[term] = local.GetValueOrDefault(term) + 1;
                return local;
            },
            (total, local) =>
            {
                foreach (var (term, count) in local) total[term] = total.GetValueOrDefault(term) + count;
                return total;
            },
            total => total);
        var kept = counts
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(maxFeatures)
            .Select(c => c.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new CountVectorizer(kept);
    }

    /// <summary>A document's counts over the vocabulary; terms outside it are ignored (an unseen text gives zeros).</summary>
    public SparseVector Transform(string document)
    {
        var counts = new SortedDictionary<int, double>();
        foreach (var term in Terms(document))
            if (columns.TryGetValue(term, out int column))
                counts[column] = counts.GetValueOrDefault(column) + 1;
        return new SparseVector([.. counts.Keys], [.. counts.Values]);
    }

    private static IEnumerable<string> Terms(string document) =>
        PythonTokens.CountVectorizerTokens(document).Where(t => !EnglishStopWords.Words.Contains(t));
}
