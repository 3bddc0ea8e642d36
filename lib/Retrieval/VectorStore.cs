using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PricerLib.Retrieval;

/// <summary>
/// A built vector store held in memory: every row's vector in one array (400,000 × 384 floats ≈ 614 MB) and its item.
/// Exact nearest neighbours by L2 distance (the course's Chroma default; on unit vectors the same order as cosine),
/// computed over all cores, ties broken by item order.
/// </summary>
/// <remarks>
/// Exact search rather than an approximate index (Chroma uses HNSW): a scan of 400,000 rows takes tens of milliseconds,
/// and exact results are reproducible. A vector database can take its place behind <see cref="INeighbourFinder"/>.
/// Distances are Euclidean (Chroma reports their squares).
/// </remarks>
public sealed class VectorStore : INeighbourFinder
{
    private readonly float[] _vectors;
    private readonly SentenceEmbedder _embedder;

    private VectorStore(string folder, StoreManifest manifest, IReadOnlyList<StoreRow> rows, float[] vectors, SentenceEmbedder embedder)
    {
        Folder = folder;
        Manifest = manifest;
        Rows = rows;
        _vectors = vectors;
        _embedder = embedder;
    }

    /// <summary>The store's folder.</summary>
    public string Folder { get; }

    /// <summary>What the store was made from (record it with results that used the store).</summary>
    public StoreManifest Manifest { get; }

    /// <summary>The stored items, in items-file order.</summary>
    public IReadOnlyList<StoreRow> Rows { get; }

    /// <summary>Rows in the store.</summary>
    public int Count => Rows.Count;

    /// <summary>The embedder the store was opened with (queries are embedded with it).</summary>
    public SentenceEmbedder Embedder => _embedder;

    /// <summary>Row <paramref name="row"/>'s vector.</summary>
    public ReadOnlySpan<float> Vector(int row) => _vectors.AsSpan(row * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions);

    /// <summary>Opens the store in <paramref name="folder"/> with the default MiniLM model (<see cref="EmbedderModel.Default"/>).</summary>
    /// <exception cref="VectorStoreException">Unfinished or truncated, another model, or another items file.</exception>
    public static VectorStore Open(string folder, string? itemsFile = null) => Open(folder, new SentenceEmbedder(), itemsFile);

    /// <summary>
    /// Opens the store in <paramref name="folder"/> for queries with <paramref name="embedder"/>, which must be the model
    /// that built it; with <paramref name="itemsFile"/>, also checks that the store was built from that file.
    /// </summary>
    /// <exception cref="VectorStoreException">Unfinished or truncated, another model, or another items file.</exception>
    public static VectorStore Open(string folder, SentenceEmbedder embedder, string? itemsFile = null)
    {
        if (!Directory.Exists(folder)) throw new VectorStoreException($"Vector store folder not found: {folder} (build one with `pricer vectors build`).");
        var manifest = StoreManifest.Read(Path.Combine(folder, StoreFiles.Manifest));
        if (manifest.ModelSha256 != embedder.Model.Sha256)
            throw new VectorStoreException($"The store in {folder} was built with another embedding model ({manifest.Model}, ONNX SHA-256 {manifest.ModelSha256[..12]}…) than the one loaded ({embedder.Model.Sha256[..12]}…); rebuild it or load that model.");
        if (manifest.Dimensions != SentenceEmbedder.Dimensions)
            throw new VectorStoreException($"The store in {folder} holds {manifest.Dimensions}-dimensional vectors, not {SentenceEmbedder.Dimensions}.");
        if (itemsFile is not null && Data.DataFiles.Sha256Of(itemsFile) is var sha && sha != manifest.ItemsSha256)
            throw new VectorStoreException($"The store in {folder} was built from {manifest.ItemsFile} (SHA-256 {manifest.ItemsSha256[..12]}…), not from {itemsFile} ({sha[..12]}…).");

        var rows = ReadRows(folder, manifest.Count);
        var vectors = ReadVectors(folder, manifest.Count);
        return new VectorStore(folder, manifest, rows, vectors, embedder);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Neighbour>> FindAsync(string document, int k, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Nearest(_embedder.Embed(document), k));
    }

    /// <summary>The <paramref name="k"/> rows nearest <paramref name="query"/> (a unit vector), nearest first, ties by item order.</summary>
    /// <exception cref="VectorStoreException"><paramref name="k"/> is below 1 or above <see cref="Count"/>.</exception>
    public IReadOnlyList<Neighbour> Nearest(ReadOnlySpan<float> query, int k)
    {
        if (k < 1 || k > Count)
            throw new VectorStoreException($"k = {k}, but the store in {Folder} holds {Count} rows: k must be between 1 and {Count}.");
        var distances = Distances(query.ToArray());
        var best = new List<int>(k + 1);
        for (int row = 0; row < distances.Length; row++)
        {
            if (best.Count == k && !Before(distances, row, best[^1])) continue;
            int at = best.Count;
            while (at > 0 && Before(distances, row, best[at - 1])) at--;
            best.Insert(at, row);
            if (best.Count > k) best.RemoveAt(k);
        }
        return best.Select(row => Neighbour(row, distances[row])).ToList();
    }

    private static bool Before(float[] distances, int row, int other) =>
        distances[row] < distances[other] || (distances[row] == distances[other] && row < other);

    private float[] Distances(float[] query)
    {
        var distances = new float[Count];
        const int chunk = 4096;
        Parallel.For(0, (Count + chunk - 1) / chunk, c =>
        {
            int end = Math.Min(Count, (c + 1) * chunk);
            for (int row = c * chunk; row < end; row++) distances[row] = TensorPrimitives.Distance(query, Vector(row));
        });
        return distances;
    }

    private Neighbour Neighbour(int row, float distance)
    {
        var r = Rows[row];
        return new Neighbour(r.Index, r.Document, r.Price, r.Category, r.Title, distance);
    }

    private static List<StoreRow> ReadRows(string folder, int count)
    {
        var path = Path.Combine(folder, StoreFiles.Rows);
        if (!File.Exists(path)) throw new VectorStoreException($"{path} is missing; rebuild the store.");
        var rows = new List<StoreRow>(count);
        foreach (var line in File.ReadLines(path))
        {
            if (rows.Count == count) throw new VectorStoreException($"{path} holds more rows than the manifest's {count}; rebuild the store.");
            rows.Add(StoreFiles.ParseRow(line, path, rows.Count + 1));
        }
        return rows.Count == count ? rows : throw new VectorStoreException($"{path} holds {rows.Count} rows, the manifest {count}: truncated; rebuild the store.");
    }

    private static float[] ReadVectors(string folder, int count)
    {
        var path = Path.Combine(folder, StoreFiles.Vectors);
        if (!File.Exists(path)) throw new VectorStoreException($"{path} is missing; rebuild the store.");
        long expected = (long)count * StoreFiles.BytesPerRow;
        long actual = new FileInfo(path).Length;
        if (actual != expected)
            throw new VectorStoreException($"{path} holds {actual:N0} bytes, {count:N0} rows need {expected:N0}: truncated or overwritten; rebuild the store.");
        var vectors = new float[count * SentenceEmbedder.Dimensions];
        using var stream = File.OpenRead(path);
        stream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        return vectors;
    }
}
