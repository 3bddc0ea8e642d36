using System.Text;
using System.Text.Json;
using PricerLib.Data;

namespace PricerLib.Retrieval;

/// <summary>How far a store build has come.</summary>
/// <param name="Done">Items embedded (resumed ones included).</param>
/// <param name="Total">Items to embed.</param>
public readonly record struct StoreBuildProgress(int Done, int Total);

/// <summary>
/// Builds a vector store folder from an items file: each item's <see cref="ItemDocuments"/> document, its vector, price,
/// category and title. Rows and vectors are appended chunk by chunk, so a cancelled build keeps what it embedded and the
/// next build of the same items with the same model resumes there; the manifest is written last.
/// </summary>
public static class VectorStoreBuilder
{
    /// <summary>The build header: which model and items file the rows so far belong to.</summary>
    private sealed record BuildHeader(string ModelSha256, string ItemsSha256);

    /// <summary>Builds (or resumes, or finds finished) the store of <paramref name="itemsFile"/> in <paramref name="folder"/>.</summary>
    /// <param name="itemsFile">The items (JSONL) to store; items with an empty document are skipped and counted.</param>
    /// <param name="folder">The store folder, created if needed.</param>
    /// <param name="embedder">The model that embeds the documents.</param>
    /// <param name="progress">Receives the items done after each chunk.</param>
    /// <param name="cancellationToken">Stops after the chunk in hand; every finished chunk stays for the next build.</param>
    /// <param name="chunkSize">Items embedded and written per chunk.</param>
    /// <exception cref="VectorStoreException">The folder holds a store or build of another model or items file.</exception>
    public static StoreManifest Build(string itemsFile, string folder, SentenceEmbedder embedder,
        IProgress<StoreBuildProgress>? progress = null, CancellationToken cancellationToken = default, int chunkSize = 512)
    {
        var itemsSha = DataFiles.Sha256Of(itemsFile);
        var header = new BuildHeader(embedder.Model.Sha256, itemsSha);
        Directory.CreateDirectory(folder);
        var manifestPath = Path.Combine(folder, StoreFiles.Manifest);
        if (File.Exists(manifestPath))
        {
            var existing = StoreManifest.Read(manifestPath);
            return existing.ModelSha256 == header.ModelSha256 && existing.ItemsSha256 == itemsSha
                ? existing
                : throw new VectorStoreException($"{folder} already holds a store of {existing.ItemsFile} with model {existing.ModelSha256[..12]}…; choose another folder or delete it.");
        }

        var items = ItemStore.Load(itemsFile);
        var documents = items.Select(ItemDocuments.Of).ToList();
        var kept = Enumerable.Range(0, items.Count).Where(i => !string.IsNullOrWhiteSpace(documents[i])).ToList();
        int done = Resume(folder, header);

        using (var rows = new FileStream(Path.Combine(folder, StoreFiles.Rows), FileMode.Append))
        using (var vectors = new FileStream(Path.Combine(folder, StoreFiles.Vectors), FileMode.Append))
        {
            progress?.Report(new(done, kept.Count));
            while (done < kept.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = kept.Skip(done).Take(chunkSize).ToList();
                var embedded = embedder.Embed(chunk.Select(i => documents[i]).ToList(), cancellationToken: cancellationToken);
                // Vectors first: a row line only ever follows its vector, so the row count bounds what is complete.
                StoreFiles.AppendVectors(vectors, embedded);
                vectors.Flush(flushToDisk: true);
                var lines = new StringBuilder();
                foreach (int i in chunk)
                    lines.Append(StoreFiles.RowLine(new StoreRow(i, documents[i], items[i].Price, items[i].Category, items[i].Title))).Append('\n');
                rows.Write(Encoding.UTF8.GetBytes(lines.ToString()));
                rows.Flush(flushToDisk: true);
                done += chunk.Count;
                progress?.Report(new(done, kept.Count));
            }
        }

        var manifest = new StoreManifest(embedder.Model.Name, embedder.Model.Sha256, SentenceEmbedder.Dimensions,
            Path.GetFullPath(itemsFile), itemsSha, kept.Count, items.Count - kept.Count);
        AtomicFile.Write(manifestPath, stream => JsonSerializer.Serialize(stream, manifest, StoreManifest.Json));
        File.Delete(Path.Combine(folder, StoreFiles.Build));
        return manifest;
    }

    /// <summary>The rows already complete in <paramref name="folder"/> for this build (files cut back to them), or 0 for a new build.</summary>
    private static int Resume(string folder, BuildHeader header)
    {
        var headerPath = Path.Combine(folder, StoreFiles.Build);
        var rowsPath = Path.Combine(folder, StoreFiles.Rows);
        var vectorsPath = Path.Combine(folder, StoreFiles.Vectors);
        if (File.Exists(headerPath))
        {
            var previous = JsonSerializer.Deserialize<BuildHeader>(File.ReadAllText(headerPath), StoreManifest.Json);
            if (previous != header)
                throw new VectorStoreException($"{folder} holds an unfinished build of another items file or model; choose another folder or delete it.");
        }
        else if (File.Exists(rowsPath) || File.Exists(vectorsPath))
            throw new VectorStoreException($"{folder} holds store files without a build header or manifest; choose another folder or delete it.");
        else
        {
            AtomicFile.Write(headerPath, stream => JsonSerializer.Serialize(stream, header, StoreManifest.Json));
            return 0;
        }

        // Complete lines only (a cut last line is dropped), and no more than the vectors written.
        var bytes = File.Exists(rowsPath) ? File.ReadAllBytes(rowsPath) : [];
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        int lines = bytes.AsSpan(0, end).Count((byte)'\n');
        long vectorRows = File.Exists(vectorsPath) ? new FileInfo(vectorsPath).Length / StoreFiles.BytesPerRow : 0;
        int done = (int)Math.Min(lines, vectorRows);
        using (var rows = new FileStream(rowsPath, FileMode.OpenOrCreate)) rows.SetLength(OffsetOfLine(bytes, done));
        using (var vectors = new FileStream(vectorsPath, FileMode.OpenOrCreate)) vectors.SetLength((long)done * StoreFiles.BytesPerRow);
        return done;
    }

    private static int OffsetOfLine(byte[] bytes, int line)
    {
        int offset = 0;
        for (int i = 0; i < line; i++) offset = Array.IndexOf(bytes, (byte)'\n', offset) + 1;
        return offset;
    }
}
