using System.Text;
using PricerLib.Data.Download;
using PricerLib.Local.Lora;
using PricerLib.Local.Safetensors;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

/// <summary>The adapter download against a real HTTP server on 127.0.0.1 serving a tiny adapter in the Hub's layout.</summary>
public sealed class AdapterDownloaderTests
{
    private static AdapterDownloader Downloader(HttpClient http, string folder, LocalFileServer server, HubAdapter adapter, int attempts = 3) =>
        new(new ResumableDownload(http) { MaxAttempts = attempts, RetryDelay = TimeSpan.Zero }, folder, adapter) { BaseUrl = server.BaseUrl };

    /// <summary>The tiny test adapter served whole by a local server, and a downloader pointed at it.</summary>
    private sealed class ServedTinyAdapter : IDisposable
    {
        private readonly HttpClient http = new();

        public ServedTinyAdapter()
        {
            HubRepository.WriteTiny(Dir.File("peft"), Shared.StoriesGguf);
            Adapter = HubRepository.Tiny(Shared.StoriesGguf);
            Server = new LocalFileServer(HubRepository.Files(Adapter, Dir.File("peft")));
            Downloader = Downloader(http, Dir.File("out"), Server, Adapter);
        }

        public TempDir Dir { get; } = new();
        public HubAdapter Adapter { get; }
        public LocalFileServer Server { get; }
        public AdapterDownloader Downloader { get; }

        public void Dispose()
        {
            http.Dispose();
            Server.Dispose();
            Dir.Dispose();
        }
    }

    [SkippableFact]
    public async Task Shows_the_notice_first_then_fetches_card_config_and_weights_byte_for_byte_and_checks_them_again_next_time()
    {
        using var hub = new ServedTinyAdapter();
        var (dir, adapter, server, downloader) = (hub.Dir, hub.Adapter, hub.Server, hub.Downloader);
        var notice = new StringWriter();

        var result = await downloader.DownloadAsync(notice);

        Assert.False(result.AlreadyPresent);
        Assert.StartsWith($"{adapter.Repository} at revision {adapter.Revision} is a tiny test adapter.", notice.ToString());
        Assert.Contains("Test Licence", notice.ToString());
        Assert.Contains("The model card declares license: llama3.1.", notice.ToString());
        Assert.Equal("llama3.1", result.CardLicense);
        Assert.Equal(File.ReadAllText(Path.Combine(result.Folder, AdapterDownloader.NoticeFileName)),
            downloader.Notice());
        foreach (var name in new[] { PeftAdapterConfig.FileName, LoraConverter.WeightsFileName })
            Assert.Equal(File.ReadAllBytes(dir.File(Path.Combine("peft", name))), File.ReadAllBytes(Path.Combine(result.Folder, name)));
        Assert.Equal((4, 8f), (result.Config.Rank, result.Config.Alpha));
        Assert.Equal([AdapterDownloader.ModelCardFileName, PeftAdapterConfig.FileName, LoraConverter.WeightsFileName],
            server.Requests.Select(r => Path.GetFileName(r.Path)));

        var again = await downloader.DownloadAsync(notice = new StringWriter());
        Assert.True(again.AlreadyPresent);
        Assert.Equal("", notice.ToString());
        Assert.Equal(3, server.Requests.Count);
    }

    [SkippableFact]
    public async Task A_cut_download_resumes_on_the_next_run_into_byte_identical_files()
    {
        using var dir = new TempDir();
        HubRepository.WriteTiny(dir.File("peft"), Shared.StoriesGguf);
        var adapter = HubRepository.Tiny(Shared.StoriesGguf);
        var weightsPath = HubRepository.Path(adapter, LoraConverter.WeightsFileName);
        using var server = new LocalFileServer(HubRepository.Files(adapter, dir.File("peft"), card: null)) { CutsLeft = 1, CutPath = weightsPath };
        using var http = new HttpClient();
        var downloader = Downloader(http, dir.File("out"), server, adapter, attempts: 1);
        var target = Path.Combine(downloader.Folder, LoraConverter.WeightsFileName);

        var e = await Assert.ThrowsAsync<AdapterDownloadException>(() => downloader.DownloadAsync(TextWriter.Null));
        Assert.Contains("run again to resume", e.Message);
        Assert.True(e.MayRetry);
        Assert.False(File.Exists(target));
        long kept = new FileInfo(ResumableDownload.PartialPathFor(target)).Length;
        Assert.InRange(kept, 1, File.ReadAllBytes(dir.File("peft/" + LoraConverter.WeightsFileName)).Length - 1);

        var notice = new StringWriter();
        var result = await downloader.DownloadAsync(notice);

        Assert.Equal(File.ReadAllBytes(dir.File("peft/" + LoraConverter.WeightsFileName)), File.ReadAllBytes(target));
        Assert.Equal((weightsPath, $"bytes={kept}-"), server.Requests.Last());
        Assert.False(File.Exists(ResumableDownload.PartialPathFor(target)));
        Assert.Contains("no model card", notice.ToString());
        Assert.Null(result.CardLicense);
    }

    [SkippableFact]
    public async Task A_missing_file_is_a_clear_error_naming_the_url_and_the_layout_and_leaves_no_weights()
    {
        using var dir = new TempDir();
        HubRepository.WriteTiny(dir.File("peft"), Shared.StoriesGguf);
        var adapter = HubRepository.Tiny(Shared.StoriesGguf);
        var files = HubRepository.Files(adapter, dir.File("peft"));
        files.Remove(HubRepository.Path(adapter, LoraConverter.WeightsFileName));
        using var server = new LocalFileServer(files);
        using var http = new HttpClient();
        var downloader = Downloader(http, dir.File("out"), server, adapter, attempts: 5);

        var e = await Assert.ThrowsAsync<AdapterDownloadException>(() => downloader.DownloadAsync(TextWriter.Null));

        Assert.Contains("HTTP 404", e.Message);
        Assert.Contains(downloader.UrlFor(LoraConverter.WeightsFileName).AbsoluteUri, e.Message);
        Assert.Contains($"{{base}}/{adapter.Repository}/resolve/{adapter.Revision}/{{file}}", e.Message);
        Assert.False(e.MayRetry);
        Assert.Equal([HubRepository.Path(adapter, LoraConverter.WeightsFileName)], server.NotFound); // a 404 is not retried
        Assert.False(File.Exists(Path.Combine(downloader.Folder, LoraConverter.WeightsFileName)));
        Assert.False(File.Exists(ResumableDownload.PartialPathFor(Path.Combine(downloader.Folder, LoraConverter.WeightsFileName))));
    }

    public static TheoryData<string, string, string> Impostors => new()
    {
        { PeftAdapterConfig.FileName, "html", "is not a valid PEFT adapter config" },
        { PeftAdapterConfig.FileName, "rank 8", "r is 8, not 4" },
        { PeftAdapterConfig.FileName, "dora", "DoRA" },
        { LoraConverter.WeightsFileName, "html", "is not a safetensors file" },
        { LoraConverter.WeightsFileName, "rank 8", "lora_A.weight is [8, " },
        { LoraConverter.WeightsFileName, "truncated", "lie outside the file" },
    };

    [SkippableTheory]
    [MemberData(nameof(Impostors))]
    public async Task A_file_that_is_not_the_adapters_is_a_clear_error_and_is_deleted(string fileName, string what, string expected)
    {
        using var dir = new TempDir();
        HubRepository.WriteTiny(dir.File("peft"), Shared.StoriesGguf);
        HubRepository.WriteTiny(dir.File("rank8"), Shared.StoriesGguf, rank: 8);
        var adapter = HubRepository.Tiny(Shared.StoriesGguf);
        var files = HubRepository.Files(adapter, dir.File("peft"));
        var real = File.ReadAllBytes(dir.File("peft/" + fileName));
        files[HubRepository.Path(adapter, fileName)] = what switch
        {
            "html" => "<!DOCTYPE html><html><body>Sign in to continue</body></html>\n"u8.ToArray(),
            "rank 8" => File.ReadAllBytes(dir.File("rank8/" + fileName)),
            "dora" => Encoding.UTF8.GetBytes(File.ReadAllText(dir.File("peft/" + fileName)).Replace("\"use_dora\": false", "\"use_dora\": true")),
            _ => real[..^16],
        };
        using var server = new LocalFileServer(files);
        using var http = new HttpClient();
        var downloader = Downloader(http, dir.File("out"), server, adapter);

        var e = await Assert.ThrowsAsync<AdapterDownloadException>(() => downloader.DownloadAsync(TextWriter.Null));

        Assert.Contains($"{downloader.UrlFor(fileName)} did not give {adapter.Repository}'s {fileName}", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains("so it was deleted", e.Message);
        Assert.False(File.Exists(Path.Combine(downloader.Folder, fileName)));
        Assert.False(File.Exists(ResumableDownload.PartialPathFor(Path.Combine(downloader.Folder, fileName))));
    }

    [SkippableFact]
    public async Task A_cached_file_that_no_longer_checks_out_is_fetched_again()
    {
        using var hub = new ServedTinyAdapter();
        var (dir, downloader) = (hub.Dir, hub.Downloader);
        await downloader.DownloadAsync(TextWriter.Null);
        var weights = Path.Combine(downloader.Folder, LoraConverter.WeightsFileName);
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..100]);

        var notice = new StringWriter();
        var result = await downloader.DownloadAsync(notice);

        Assert.False(result.AlreadyPresent);
        Assert.Contains($"warning: the cached {weights} no longer checks out", notice.ToString());
        Assert.Equal(File.ReadAllBytes(dir.File("peft/" + LoraConverter.WeightsFileName)), File.ReadAllBytes(weights));
    }

    [Fact]
    public void The_course_adapter_is_pinned_and_fetched_in_the_hubs_layout()
    {
        using var http = new HttpClient();
        var downloader = new AdapterDownloader(new ResumableDownload(http), "unused");
        Assert.Equal("https://huggingface.co/ed-donner/pricer-2024-09-13_13.04.39/resolve/e8d637df551603dc86cd7a1598a8f44af4d7ae36/adapter_config.json",
            downloader.UrlFor(PeftAdapterConfig.FileName).AbsoluteUri);
        Assert.Equal("http://mirror.example/hub/ed-donner/pricer-2024-09-13_13.04.39/resolve/e8d637df551603dc86cd7a1598a8f44af4d7ae36/README.md",
            new AdapterDownloader(new ResumableDownload(http), "unused") { BaseUrl = new Uri("http://mirror.example/hub") }
                .UrlFor(AdapterDownloader.ModelCardFileName).AbsoluteUri);
        Assert.Equal(Path.Combine(Path.GetFullPath("cache"), "adapters", "pricer-2024-09-13_13.04.39-e8d637df"),
            AdapterDownloader.DefaultFolder("cache", HubAdapter.Course));
        Assert.Contains("Llama 3.1 Community License", downloader.Notice());
    }

    [Fact]
    public void The_course_shape_is_its_109_MB_of_f32_weights_on_q_k_v_o_and_nothing_else_passes()
    {
        var course = HubAdapter.Course.Shape;
        var (header, dataBytes) = HubRepository.WeightsHeader(course);
        Assert.Equal(256, course.TensorCount);
        Assert.Equal(109_051_904, dataBytes); // the course's "adapter file is 109 MB"

        using var dir = new TempDir();
        Assert.Null(course.Mismatch(SafetensorsFile.Read(Sparse(dir.File("course.safetensors"), header, dataBytes))));
        var narrowK = HubRepository.WeightsHeader(course, (name, dims) => name.Contains("layers.7.self_attn.k_proj.lora_B") ? [4096, 32] : dims);
        Assert.Equal("base_model.model.model.layers.7.self_attn.k_proj.lora_B.weight is [4096, 32], not [1024, 32]",
            course.Mismatch(SafetensorsFile.Read(Sparse(dir.File("wide-k.safetensors"), narrowK.Header, narrowK.DataBytes))));

        File.WriteAllBytes(dir.File("adapter_config.json"), HubRepository.CourseConfig());
        Assert.Null(course.Mismatch(PeftAdapterConfig.ReadFile(dir.File("adapter_config.json"))));
        Assert.Equal("lora_alpha is 32, not 64", course.Mismatch(new PeftAdapterConfig(32, 32f, null, ["q_proj", "k_proj", "v_proj", "o_proj"])));
        Assert.Equal("target_modules are [q_proj, v_proj], not [q_proj, k_proj, v_proj, o_proj]",
            course.Mismatch(new PeftAdapterConfig(32, 64f, null, ["q_proj", "v_proj"])));
    }

    /// <summary>A header followed by a sparse data section: the file has its full size without writing 109 MB.</summary>
    private static string Sparse(string path, byte[] header, long dataBytes)
    {
        using var file = File.Create(path);
        file.Write(header);
        file.SetLength(header.Length + dataBytes);
        return path;
    }
}
