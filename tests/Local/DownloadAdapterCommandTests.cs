using System.Text;
using PricerLib.Local.Lora;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Local;

/// <summary>Runs the built <c>pricer download-adapter</c> as a process against a local server.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class DownloadAdapterCommandTests
{
    private static Dictionary<string, byte[]> CourseFiles() => HubRepository.Files(HubAdapter.Course, new Dictionary<string, byte[]>
    {
        [PeftAdapterConfig.FileName] = HubRepository.CourseConfig(),
        [LoraConverter.WeightsFileName] = HubRepository.ZeroWeights(HubAdapter.Course.Shape),
        [AdapterDownloader.ModelCardFileName] = Encoding.UTF8.GetBytes(HubRepository.Card),
    });

    [Fact]
    public void Fetches_a_course_shaped_adapter_shows_the_licence_and_prints_the_folder_then_finds_it_present()
    {
        using var dir = new TempDir();
        var files = CourseFiles();
        using var server = new LocalFileServer(files);
        var folder = dir.File("adapter");

        var (exit, stdout, stderr) = PricerProcess.Run("download-adapter", "--base-url", server.BaseUrl.AbsoluteUri, "--out", folder);

        Assert.True(exit == 0, stderr);
        Assert.Equal(folder + Environment.NewLine, stdout);
        Assert.Contains("Llama 3.1 Community License", stderr);
        Assert.Contains(HubAdapter.Course.LicenseUrl, stderr);
        Assert.Contains("license: llama3.1", stderr);
        Assert.Contains("r 32, alpha 64", stderr);
        Assert.Contains("256 tensors", stderr);
        Assert.Equal(files[HubRepository.Path(HubAdapter.Course, LoraConverter.WeightsFileName)],
            File.ReadAllBytes(Path.Combine(folder, LoraConverter.WeightsFileName)));
        Assert.True(File.Exists(Path.Combine(folder, AdapterDownloader.NoticeFileName)));

        var again = PricerProcess.Run("download-adapter", "--base-url", server.BaseUrl.AbsoluteUri, "--out", folder);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("already present, checked", again.Stderr);
        Assert.DoesNotContain("Community License", again.Stderr);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void In_a_2025_workbook_lite_fetches_the_2025_lite_adapter_checked_against_llama_3_2_3b()
    {
        using var dir = new TempDir();
        var lite = HubAdapter.Course2025Lite;
        new PeftAdapterConfig(32, 64f, "meta-llama/Llama-3.2-3B", AdapterShape.Attention).Write(dir.File("config"));
        var files = HubRepository.Files(lite, new Dictionary<string, byte[]>
        {
            [PeftAdapterConfig.FileName] = File.ReadAllBytes(Path.Combine(dir.File("config"), PeftAdapterConfig.FileName)),
            [LoraConverter.WeightsFileName] = HubRepository.ZeroWeights(lite.Shape),
        });
        using var server = new LocalFileServer(files);
        var folder = dir.File("adapter");
        var environment = new Dictionary<string, string?> { [WorkbookSettings.Variables.Edition] = "2025" };

        var (exit, stdout, stderr) = PricerProcess.Run(environment, "download-adapter", "--lite", "--base-url", server.BaseUrl.AbsoluteUri, "--out", folder);
        var without = PricerProcess.Run("download-adapter", "--lite", "--base-url", server.BaseUrl.AbsoluteUri, "--out", dir.File("2024"));

        Assert.True(exit == 0, stderr);
        Assert.Equal(folder + Environment.NewLine, stdout);
        Assert.Contains("ed-donner/price-2025-11-30_15.10.55-lite", stderr);
        Assert.Contains("Llama 3.2 Community License", stderr);
        Assert.Contains("r 32, alpha 64", stderr);
        Assert.Contains("224 tensors", stderr);
        Assert.Equal(lite.Shape.F32Bytes, new FileInfo(Path.Combine(folder, LoraConverter.WeightsFileName)).Length - HubRepository.WeightsHeader(lite.Shape).Header.Length);
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("--lite picks the 2025 course's lite adapter", without.Stderr);
    }

    public static TheoryData<string, int, string> BadInputs => new()
    {
        { "ftp base url", 2, "--base-url must be an http(s) URL" },
        { "out is a file", 1, "it is a file, not a folder" },
        { "nothing served", 1, "HTTP 404" },
        { "html served", 1, "did not give ed-donner/pricer-2024-09-13_13.04.39's adapter_config.json" },
        { "unknown option", 2, "Unknown option --revision" },
        { "missing value", 2, "Option 'out' is defined but no value" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_error_line_with_its_exit_code_and_nothing_kept(string what, int exitCode, string message)
    {
        using var dir = new TempDir();
        var html = "<!DOCTYPE html><html><body>Sign in</body></html>\n"u8.ToArray();
        using var server = new LocalFileServer(what == "html served"
            ? CourseFiles().ToDictionary(f => f.Key, _ => html)
            : new Dictionary<string, byte[]> { ["elsewhere/README.md"] = html });
        File.WriteAllText(dir.File("file"), "");
        var folder = dir.File("adapter");
        string[] args = what switch
        {
            "ftp base url" => ["--base-url", "ftp://example.org/", "--out", folder],
            "out is a file" => ["--base-url", server.BaseUrl.AbsoluteUri, "--out", dir.File("file")],
            "unknown option" => ["--base-url", server.BaseUrl.AbsoluteUri, "--revision", "main"],
            "missing value" => ["--base-url", server.BaseUrl.AbsoluteUri, "--out"],
            _ => ["--base-url", server.BaseUrl.AbsoluteUri, "--out", folder],
        };

        var (exit, stdout, stderr) = PricerProcess.Run(["download-adapter", .. args]);

        Assert.Equal(exitCode, exit);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Split('\n'), line => line.StartsWith("Error:", StringComparison.Ordinal));
        Assert.Equal("", stdout);
        Assert.False(File.Exists(Path.Combine(folder, LoraConverter.WeightsFileName)));
        Assert.False(File.Exists(Path.Combine(folder, PeftAdapterConfig.FileName)));
    }
}
