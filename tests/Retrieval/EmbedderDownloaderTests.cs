using PricerLib.Data.Download;
using PricerLib.Retrieval;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Retrieval;

/// <summary>
/// <c>download-embedder</c> against a real HTTP server on 127.0.0.1 in the Hub's layout, serving the package's copy of
/// the model (the Hub's own export has another SHA-256, so the tests give the package's).
/// </summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class EmbedderDownloaderTests : IDisposable
{
    private static readonly EmbedderModel Package = EmbedderModel.FromPackage();
    private static readonly string OnnxPath = $"{EmbedderModel.MiniLmName}/resolve/{EmbedderDownloader.Revision}/onnx/model.onnx";
    private static readonly string VocabularyPath = $"{EmbedderModel.MiniLmName}/resolve/{EmbedderDownloader.Revision}/vocab.txt";

    private readonly TempDir cache = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        cache.Dispose();
    }

    private static LocalFileServer Hub(byte[]? onnx = null, byte[]? vocabulary = null) => new(new Dictionary<string, byte[]>
    {
        [OnnxPath] = onnx ?? Package.Onnx,
        // The Hub serves the vocabulary with LF endings; the package's copy has CRLF.
        [VocabularyPath] = vocabulary ?? System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Package.Vocabulary).ReplaceLineEndings("\n")),
    });

    private EmbedderDownloader Downloader(LocalFileServer server, int attempts = 3, string? sha256 = null) =>
        new(new ResumableDownload(http) { MaxAttempts = attempts, RetryDelay = TimeSpan.Zero }, cache.Path)
        {
            BaseUrl = server.BaseUrl,
            ExpectedSha256 = sha256 ?? EmbedderModel.PackageOnnxSha256,
        };

    [Fact]
    public async Task A_cut_download_resumes_and_the_verified_folder_embeds_like_the_package()
    {
        using var server = Hub();
        server.CutsLeft = 1;
        server.CutPath = OnnxPath;
        var downloader = Downloader(server, attempts: 1);

        await Assert.ThrowsAsync<EmbedderException>(() => downloader.DownloadAsync());
        Assert.InRange(new FileInfo(Path.Combine(downloader.Folder, "model.onnx.part")).Length, 1, Package.Onnx.Length - 1);

        var folder = await downloader.DownloadAsync();

        Assert.Contains(server.Ranges, range => range.StartsWith("bytes=", StringComparison.Ordinal) && !range.StartsWith("bytes=0-", StringComparison.Ordinal));
        var model = EmbedderModel.FromFolder(folder);
        Assert.Equal(EmbedderModel.PackageOnnxSha256, model.Sha256);
        using var embedder = new SentenceEmbedder(model);
        Assert.Equal(Embedders.MiniLm.Embed("Cordless drill\nwith battery"), embedder.Embed("Cordless drill\nwith battery"));
    }

    [Fact]
    public async Task A_file_with_another_sha256_or_another_vocabulary_is_deleted_with_a_clear_error()
    {
        using var server = Hub();
        var wrongHash = Downloader(server, sha256: EmbedderDownloader.HubOnnxSha256);
        var e = await Assert.ThrowsAsync<EmbedderException>(() => wrongHash.DownloadAsync());
        Assert.Contains("SHA-256", e.Message);
        Assert.False(File.Exists(Path.Combine(wrongHash.Folder, "model.onnx")));
        Assert.False(File.Exists(Path.Combine(wrongHash.Folder, "model.onnx.part")));

        using var otherVocabulary = Hub(vocabulary: "[PAD]\n[UNK]\n"u8.ToArray());
        using var otherCache = new TempDir();
        var downloader = new EmbedderDownloader(new ResumableDownload(http) { RetryDelay = TimeSpan.Zero }, otherCache.Path)
        {
            BaseUrl = otherVocabulary.BaseUrl, ExpectedSha256 = EmbedderModel.PackageOnnxSha256,
        };
        e = await Assert.ThrowsAsync<EmbedderException>(() => downloader.DownloadAsync());
        Assert.Contains("not all-MiniLM-L6-v2's vocabulary", e.Message);
        Assert.False(File.Exists(Path.Combine(downloader.Folder, "vocab.txt")));
    }
}
