using System.Text;
using PricerLib.Data;
using PricerLib.Data.Download;
using PricerLib.Local.Safetensors;

namespace PricerLib.Local.Lora;

/// <summary>A downloaded adapter folder, checked.</summary>
/// <param name="Folder">Holds <c>adapter_config.json</c>, <c>adapter_model.safetensors</c>, the notice and the model card if any.</param>
/// <param name="Config">The adapter's config as read.</param>
/// <param name="WeightBytes">The size of <c>adapter_model.safetensors</c>.</param>
/// <param name="CardLicense">The <c>license</c> the model card declares, if it has one.</param>
/// <param name="AlreadyPresent">True when every file was in the folder and checked out, so nothing was fetched.</param>
public sealed record AdapterDownload(string Folder, PeftAdapterConfig Config, long WeightBytes, string? CardLicense, bool AlreadyPresent);

/// <summary>
/// Fetches a PEFT adapter (by default the course's, <see cref="HubAdapter.Course"/>) from the Hugging Face Hub at its
/// pinned revision into a folder that <c>convert-lora</c> reads: the licence notice first (shown and written as
/// <c>NOTICE.txt</c>), the model card when the repository has one, then <c>adapter_config.json</c> and
/// <c>adapter_model.safetensors</c>, each resumable (<see cref="ResumableDownload"/>) and checked before it takes its
/// name: the config parses and is one the converter takes, with the expected rank, alpha and modules; the weights'
/// header parses, every tensor's byte range fits the file, and the tensors are the expected ones with their shapes.
/// </summary>
/// <remarks>
/// There is no SHA-256 to check the weights against (none is published beside the course), so the check is the shape.
/// Files already in the folder are checked again on every run; one that no longer passes is fetched again.
/// </remarks>
/// <param name="download">Fetches each file (resume, size check, retries).</param>
/// <param name="folder">Where the files go; null for <see cref="DefaultFolder"/> under the settings' cache.</param>
/// <param name="adapter">What to fetch; null for the course's adapter.</param>
public sealed class AdapterDownloader(ResumableDownload download, string? folder = null, HubAdapter? adapter = null)
{
    /// <summary>The Hugging Face Hub; files lie at <c>{base}/{repository}/resolve/{revision}/{file}</c>.</summary>
    public const string DefaultBaseUrl = "https://huggingface.co/";

    /// <summary>The licence notice written beside the adapter.</summary>
    public const string NoticeFileName = "NOTICE.txt";

    /// <summary>The repository's model card, fetched when present.</summary>
    public const string ModelCardFileName = "README.md";

    /// <summary>What is fetched.</summary>
    public HubAdapter Adapter { get; } = adapter ?? HubAdapter.Course;

    /// <summary>The folder the files go to.</summary>
    public string Folder { get; } = Path.GetFullPath(folder ?? DefaultFolder(WorkbookSettings.Current.Cache, adapter ?? HubAdapter.Course));

    /// <summary>The server to fetch from, laid out as the Hub; null for <see cref="DefaultBaseUrl"/>.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The default folder for <paramref name="adapter"/>: <c>adapters/NAME-REVISION8/</c> under the cache root.</summary>
    public static string DefaultFolder(string cacheFolder, HubAdapter adapter) =>
        Path.Combine(Path.GetFullPath(cacheFolder), "adapters", $"{adapter.Name}-{adapter.Revision[..Math.Min(8, adapter.Revision.Length)]}");

    /// <summary>The URL of one of the repository's files at the pinned revision.</summary>
    public Uri UrlFor(string fileName)
    {
        var baseUrl = BaseUrl?.AbsoluteUri ?? DefaultBaseUrl;
        if (!baseUrl.EndsWith('/')) baseUrl += "/";
        return new Uri(new Uri(baseUrl), $"{Adapter.Repository}/resolve/{Adapter.Revision}/{fileName}");
    }

    /// <summary>The licence notice shown before anything is fetched, and written as <see cref="NoticeFileName"/>.</summary>
    public string Notice() => new StringBuilder()
        .AppendLine($"{Adapter.Repository} at revision {Adapter.Revision} is {Adapter.Description}.")
        .AppendLine($"It comes under the {Adapter.LicenseName}:")
        .AppendLine($"  {Adapter.LicenseUrl}")
        .AppendLine("By downloading it you accept that licence and its Acceptable Use Policy.")
        .AppendLine($"Fetching {UrlFor("")} ({PeftAdapterConfig.FileName}, {LoraConverter.WeightsFileName}, the model card) into {Folder}")
        .ToString();

    /// <summary>
    /// Fetches what the folder lacks (or holds but no longer checks out), printing the licence notice first unless
    /// everything was already there.
    /// </summary>
    /// <param name="notice">Where the licence notice and warnings go.</param>
    /// <param name="progress">Receives the weights' byte count as they arrive (the other files are small).</param>
    /// <param name="cancellationToken">Stops the download; partial files stay for the next run.</param>
    /// <exception cref="AdapterDownloadException">A file could not be fetched, or what arrived is not the expected adapter (then it is deleted).</exception>
    public async Task<AdapterDownload> DownloadAsync(TextWriter notice, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var configPath = Path.Combine(Folder, PeftAdapterConfig.FileName);
        var weightsPath = Path.Combine(Folder, LoraConverter.WeightsFileName);
        var noticePath = Path.Combine(Folder, NoticeFileName);
        DropIfInvalid(configPath, ConfigProblem, notice);
        DropIfInvalid(weightsPath, WeightsProblem, notice);
        if (File.Exists(configPath) && File.Exists(weightsPath) && File.Exists(noticePath))
            return Result(configPath, weightsPath, alreadyPresent: true);

        var text = Notice();
        notice.Write(text);
        try
        {
            // The notice first, so that the adapter never lies in the folder without it.
            AtomicFile.Write(noticePath, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
            await FetchModelCardAsync(notice, cancellationToken);
            await download.DownloadAsync(UrlFor(PeftAdapterConfig.FileName), configPath,
                Rejecting(PeftAdapterConfig.FileName, ConfigProblem), progress: null, cancellationToken);
            await download.DownloadAsync(UrlFor(LoraConverter.WeightsFileName), weightsPath,
                Rejecting(LoraConverter.WeightsFileName, WeightsProblem), progress, cancellationToken);
        }
        catch (DownloadException e)
        {
            throw new AdapterDownloadException(e.Message + (e.Status is null ? "" : LayoutHint), e.MayRetry, e);
        }
        return Result(configPath, weightsPath, alreadyPresent: false);
    }

    private string LayoutHint =>
        $" The server must hold the files as {{base}}/{Adapter.Repository}/resolve/{Adapter.Revision}/{{file}}; check --base-url.";

    private AdapterDownload Result(string configPath, string weightsPath, bool alreadyPresent) =>
        new(Folder, PeftAdapterConfig.ReadFile(configPath), new FileInfo(weightsPath).Length,
            CardLicense(Path.Combine(Folder, ModelCardFileName)), alreadyPresent);

    /// <summary>The model card is shown if the repository has one; a checkpoint pushed mid-run may not.</summary>
    private async Task FetchModelCardAsync(TextWriter notice, CancellationToken cancellationToken)
    {
        var cardPath = Path.Combine(Folder, ModelCardFileName);
        try
        {
            await download.DownloadAsync(UrlFor(ModelCardFileName), cardPath, progress: null, cancellationToken);
            notice.WriteLine(CardLicense(cardPath) is { } license
                ? $"The model card declares license: {license}."
                : "The model card declares no licence of its own.");
        }
        catch (DownloadException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            notice.WriteLine("The repository has no model card at this revision.");
        }
    }

    /// <summary>The <c>license:</c> of a model card's YAML front matter, or null.</summary>
    public static string? CardLicense(string cardPath)
    {
        if (!File.Exists(cardPath)) return null;
        var lines = File.ReadLines(cardPath).Take(200).ToList();
        if (lines.Count == 0 || lines[0].Trim() != "---") return null;
        return lines.Skip(1).TakeWhile(line => line.Trim() != "---")
            .Where(line => line.StartsWith("license:", StringComparison.Ordinal))
            .Select(line => line["license:".Length..].Trim().Trim('"', '\''))
            .FirstOrDefault(license => license.Length > 0);
    }

    /// <summary>What is wrong with a config file, or null: it must parse, be one the converter takes, and have the expected shape.</summary>
    private string? ConfigProblem(string path)
    {
        try
        {
            return Adapter.Shape.Mismatch(PeftAdapterConfig.ReadFile(path));
        }
        catch (LocalModelException e)
        {
            return e.Message;
        }
    }

    /// <summary>What is wrong with a weights file, or null: its header must parse and its tensors be the expected ones.</summary>
    private string? WeightsProblem(string path)
    {
        try
        {
            return Adapter.Shape.Mismatch(SafetensorsFile.Read(path));
        }
        catch (LocalModelException e)
        {
            return e.Message;
        }
    }

    /// <summary>A check for <see cref="ResumableDownload"/>: throwing deletes the partial file.</summary>
    private Action<string> Rejecting(string fileName, Func<string, string?> problem) => path =>
    {
        if (problem(path) is { } why)
            throw new AdapterDownloadException(
                $"{UrlFor(fileName)} did not give {Adapter.Repository}'s {fileName} ({why}), so it was deleted. " +
                "Check --base-url: it must serve the Hub's files (an HTML or error page is not the file).", mayRetry: false);
    };

    /// <summary>Deletes a file from an earlier run that no longer passes its check, so that it is fetched again.</summary>
    private static void DropIfInvalid(string path, Func<string, string?> problem, TextWriter notice)
    {
        if (!File.Exists(path) || problem(path) is not { } why) return;
        File.Delete(path);
        notice.WriteLine($"warning: the cached {path} no longer checks out ({why}); fetching it again.");
    }
}

/// <summary>
/// The adapter could not be downloaded, or what arrived is not it; the message names the URL and why, and nothing
/// unchecked is left in the folder.
/// </summary>
public sealed class AdapterDownloadException(string message, bool mayRetry, Exception? inner = null)
    : PricerException(message, mayRetry, inner);
