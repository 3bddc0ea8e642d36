using PricerLib.Data;
using PricerLib.Data.Download;

namespace PricerLib.Tokenization;

/// <summary>
/// Fetches Meta's Llama 3 <c>tokenizer.model</c> (tiktoken format, the same for Llama 3 and 3.1) from Meta's public
/// GitHub repository meta-llama/llama-models, with its <c>LICENSE</c> and <c>USE_POLICY.md</c> beside it, into
/// <c>llama3/</c> under the cache folder, where <see cref="TokenizerSource"/> finds it. No login of any kind: the
/// repository is public, unlike the gated Hugging Face model repositories.
/// </summary>
/// <remarks>
/// The tokenizer takes its final name only after it loaded as a Llama 3 tokenizer and, where a hash is expected, its
/// SHA-256 matched; otherwise it is deleted. A <c>tokenizer.model</c> already in the cache is checked the same way on
/// every run, and fetched again when it fails (cut, overwritten, replaced).
/// </remarks>
/// <param name="download">Fetches each file (resume, size check, retries).</param>
/// <param name="cacheFolder">The cache root; null for the settings' <see cref="WorkbookSettings.Cache"/>. Files go to its <c>llama3/</c>.</param>
public sealed class LlamaTokenizerDownloader(ResumableDownload download, string? cacheFolder = null)
{
    /// <summary>Meta's repository, as raw files.</summary>
    public const string DefaultBaseUrl = "https://raw.githubusercontent.com/meta-llama/llama-models/main/";

    /// <summary>The folder of the repository that holds the Llama 3 files.</summary>
    public const string RepositoryFolder = "models/llama3/";

    /// <summary>The licence the tokenizer is published under, on Meta's repository page.</summary>
    public const string LicenseUrl = "https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE";

    /// <summary>The SHA-256 of Meta's <c>tokenizer.model</c> (meta-llama/llama-models at a9c89c47).</summary>
    public const string KnownSha256 = "82e9d31979e92ab929cd544440f129d9ecd797b69e327f80f17e1c50d5551b55";

    /// <summary>The tokenizer's file name, in the repository and in the cache.</summary>
    public const string ModelFileName = "tokenizer.model";

    /// <summary>The licence files fetched beside the tokenizer.</summary>
    public static IReadOnlyList<string> LicenseFileNames { get; } = ["LICENSE", "USE_POLICY.md"];

    private readonly string? _expectedSha256;

    /// <summary>The folder the files go to: <c>llama3/</c> under the cache root.</summary>
    public string Folder { get; } = FolderIn(cacheFolder ?? WorkbookSettings.Current.Cache);

    /// <summary>Where the verified tokenizer lies once downloaded.</summary>
    public string ModelPath => Path.Combine(Folder, ModelFileName);

    /// <summary>The repository root to fetch from (it holds <c>models/llama3/</c>); null for <see cref="DefaultBaseUrl"/>.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// The SHA-256 (hex) the tokenizer must have. Unless set, <see cref="KnownSha256"/> from the default URL and none
    /// from another <see cref="BaseUrl"/> (a mirror may serve an equivalent file).
    /// </summary>
    public string? ExpectedSha256
    {
        get => _expectedSha256 ?? (BaseUrl is null ? KnownSha256 : null);
        init => _expectedSha256 = value?.ToLowerInvariant();
    }

    /// <summary>Keep a tokenizer whose SHA-256 differs from <see cref="ExpectedSha256"/> (with a warning) instead of failing.</summary>
    public bool AllowSha256Mismatch { get; init; }

    /// <summary>Where the downloaded tokenizer lies under the cache root <paramref name="cacheFolder"/>, downloaded or not.</summary>
    public static string CachedModelPath(string cacheFolder) => Path.Combine(FolderIn(cacheFolder), ModelFileName);

    /// <summary>The URL of a file of the repository's <c>models/llama3/</c> folder.</summary>
    public Uri UrlFor(string fileName)
    {
        var baseUrl = BaseUrl?.AbsoluteUri ?? DefaultBaseUrl;
        if (!baseUrl.EndsWith('/')) baseUrl += "/";
        return new Uri(new Uri(baseUrl), RepositoryFolder + fileName);
    }

    /// <summary>Writes the licence notice shown before anything is fetched.</summary>
    public void WriteNotice(TextWriter writer)
    {
        writer.WriteLine("Meta's Llama 3 tokenizer (tokenizer.model) is licensed under the Meta Llama 3 Community License:");
        writer.WriteLine($"  {LicenseUrl}");
        writer.WriteLine("By downloading it you accept that licence and Meta's Llama 3 Acceptable Use Policy (USE_POLICY.md).");
        writer.WriteLine($"Fetching {UrlFor(ModelFileName)}; copies of tokenizer.model, LICENSE and USE_POLICY.md go to {Folder}");
    }

    /// <summary>
    /// Downloads the licence files and the tokenizer unless all are present, printing the licence notice first, and
    /// verifies the tokenizer before it takes its final name.
    /// </summary>
    /// <param name="notice">Where the licence notice and any hash warning go.</param>
    /// <param name="progress">Receives the tokenizer's byte count as it arrives (the licence files are small).</param>
    /// <param name="cancellationToken">Stops the download; partial files stay for the next run.</param>
    /// <returns>The tokenizer file.</returns>
    /// <exception cref="TokenizerDownloadException">
    /// A file could not be fetched, or the tokenizer is not a Llama 3 tiktoken file or has the wrong SHA-256 (then it is deleted).
    /// </exception>
    public async Task<DownloadResult> DownloadAsync(TextWriter notice, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (File.Exists(ModelPath) && LicenseFileNames.All(name => File.Exists(Path.Combine(Folder, name))))
        {
            // Checked again each time: a cached file can be cut, overwritten or replaced since it was verified.
            if (CachedProblem() is not { } problem) return new DownloadResult(ModelPath, new FileInfo(ModelPath).Length, AlreadyPresent: true);
            notice.WriteLine($"warning: the cached {ModelPath} {problem}; it was deleted and is fetched again.");
            File.Delete(ModelPath);
        }

        WriteNotice(notice);
        try
        {
            // The licence first, so that the tokenizer never lies in the cache without it.
            foreach (var name in LicenseFileNames)
                await download.DownloadAsync(UrlFor(name), Path.Combine(Folder, name), progress: null, cancellationToken);
            return await download.DownloadAsync(UrlFor(ModelFileName), ModelPath, part => Verify(part, notice), progress, cancellationToken);
        }
        catch (DownloadException e)
        {
            throw new TokenizerDownloadException(e.Message, e);
        }
    }

    /// <summary>Rejects a downloaded file that is not Meta's Llama 3 tokenizer.</summary>
    private void Verify(string part, TextWriter notice)
    {
        var url = UrlFor(ModelFileName);
        if (LoadProblem(part) is { } problem)
            throw new TokenizerDownloadException($"{url} did not give a Llama 3 tokenizer, so it was deleted: {problem} Check the base URL.");

        if (ExpectedSha256 is not { } expected) return;
        var actual = DataFiles.Sha256Of(part);
        if (actual == expected) return;
        if (!AllowSha256Mismatch)
            throw new TokenizerDownloadException(
                $"{url} has SHA-256 {actual}, not Meta's {expected}, so it was deleted. If Meta has changed the file on " +
                "purpose, allow the mismatch explicitly (--allow-sha256-mismatch).");
        notice.WriteLine($"warning: {url} has SHA-256 {actual}, not {expected}; kept because the mismatch is allowed.");
    }

    /// <summary>What is wrong with the cached tokenizer (it does not load, or has another SHA-256 than expected); null when nothing.</summary>
    private string? CachedProblem()
    {
        if (LoadProblem(ModelPath) is { } problem) return $"does not load as a Llama 3 tokenizer ({problem.TrimEnd('.')})";
        if (ExpectedSha256 is not { } expected || AllowSha256Mismatch) return null;
        var actual = DataFiles.Sha256Of(ModelPath);
        return actual == expected ? null : $"has SHA-256 {actual}, not {expected}";
    }

    private static string? LoadProblem(string path)
    {
        try
        {
            Llama3Tokenizer.FromTiktokenFile(path);
            return null;
        }
        catch (TokenizerLoadException e)
        {
            return e.Message;
        }
    }

    private static string FolderIn(string cacheFolder) => Path.Combine(Path.GetFullPath(cacheFolder), "llama3");
}
