using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.RegularExpressions;
using BigGustave;
using Plotly.NET;
using PricerLib.Charts;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Charts;

public class ChartExportTests
{
    private static GenericChart Prices() => DataCharts.PriceHistogram([5, 12, 18, 25, 25, 40, 75, 120, 480, 990]);

    [Fact]
    public void Saved_html_inlines_plotly_js_and_loads_nothing_from_the_network()
    {
        using var dir = new TempDir();
        var path = dir.File("prices.html");
        ChartExport.SaveHtml(Prices(), path);

        var html = File.ReadAllText(path);
        Assert.True(new FileInfo(path).Length > 3_000_000, "plotly.js itself is about 3.6 MB");
        Assert.Contains("plotly.js v2", html);
        Assert.Contains("Prices: Avg 179.00 and highest 990.0", html);
        Assert.DoesNotMatch(new Regex(@"<script[^>]*\ssrc\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("cdn.plot.ly/plotly-", html); // the CDN copy notebooks use (plotly.js itself names cdn.plot.ly only as a topojson default)
    }

    [Fact]
    public void Exporting_leaves_the_chart_itself_on_the_cdn_for_notebooks()
    {
        var chart = Prices();
        using var dir = new TempDir();
        ChartExport.SaveHtml(chart, dir.File("a.html"));
        var inline = GenericChart.toEmbeddedHTML(chart);
        Assert.Contains("cdn.plot.ly/plotly-", inline);
        Assert.True(inline.Length < 100_000);
    }

    [Fact]
    public void Saving_html_creates_the_folder_replaces_an_old_file_and_leaves_no_temp_files()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nested", "report", "chart.html");
        ChartExport.SaveHtml(DataCharts.TokenHistogram([150, 160]), path);
        ChartExport.SaveHtml(Prices(), path);
        Assert.Contains("Prices: Avg", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Save_all_refuses_a_name_that_is_a_path()
    {
        using var dir = new TempDir();
        Assert.Throws<ArgumentException>(() => ChartExport.SaveAll(Prices(), dir.Path, "../escape"));
        Assert.Throws<ArgumentException>(() => ChartExport.SaveAll(Prices(), dir.Path, " "));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Png_has_the_requested_size_and_shows_the_drawn_bars()
    {
        RequireChromium();
        using var dir = new TempDir();
        var path = dir.File("prices.png");
        ChartExport.SavePng(Prices(), path, 800, 500);

        Assert.Equal((800, 500), IhdrSize(path));
        var png = Png.Open(File.ReadAllBytes(path));
        Assert.True(CountPixels(png, 255, 165, 0, tolerance: 10) > 500, "orange histogram bars are visible");
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Save_all_writes_html_and_a_png_at_the_charts_own_size()
    {
        RequireChromium();
        using var dir = new TempDir();
        var chart = EvaluationCharts.ErrorScatter(
            Enumerable.Range(1, 60).Select(i => new ScatterPoint(i * 10, i * 10 + (i % 7 - 3) * 15, $"item {i}", i % 3 == 0 ? "red" : "green")).ToArray(),
            "Scatter export");

        var files = ChartExport.SaveAll(chart, dir.Path, "scatter");

        Assert.Equal(dir.File("scatter.html"), files.HtmlPath);
        Assert.True(new FileInfo(files.HtmlPath).Length > 3_000_000);
        Assert.Equal((900, 700), IhdrSize(files.PngPath)); // the scatter's layout size
        var png = Png.Open(File.ReadAllBytes(files.PngPath));
        // deepskyblue (0, 191, 255) at 60% opacity over plotly's (229, 236, 246) plot background
        Assert.True(CountPixels(png, 92, 209, 251, tolerance: 14) > 100, "the y = x line is drawn");
        Assert.True(CountPixels(png, 0, 128, 0, tolerance: 10) > 50, "green markers are drawn");
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void A_failing_browser_is_reported_with_its_stderr_and_leaves_no_file()
    {
        using var dir = new TempDir();
        var renderer = new ChromiumRenderer(FakeBrowser(dir, "echo 'boom: no display here' >&2; exit 3"));
        var target = dir.File("out.png");

        var error = Assert.Throws<InvalidOperationException>(() => ChartExport.SavePng(Prices(), target, 400, 300, renderer));

        Assert.Contains("exited with code 3", error.Message);
        Assert.Contains("boom: no display here", error.Message);
        Assert.False(File.Exists(target));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".png"));
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void A_browser_that_writes_nothing_is_an_error()
    {
        using var dir = new TempDir();
        var renderer = new ChromiumRenderer(FakeBrowser(dir, "exit 0"));
        var error = Assert.Throws<InvalidOperationException>(() => ChartExport.SavePng(Prices(), dir.File("out.png"), 400, 300, renderer));
        Assert.Contains("wrote no screenshot", error.Message);
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void A_hanging_browser_is_stopped_at_the_timeout()
    {
        using var dir = new TempDir();
        var renderer = new ChromiumRenderer(FakeBrowser(dir, "sleep 30"), TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<TimeoutException>(() => ChartExport.SavePng(Prices(), dir.File("out.png"), 400, 300, renderer));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains("did not finish", error.Message);
        Assert.False(File.Exists(dir.File("out.png")));
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void A_browser_that_hangs_once_is_stopped_and_tried_again()
    {
        using var dir = new TempDir();
        // Hangs the first time; the second time writes its --screenshot file, as Chromium does.
        string tried = dir.File("tried");
        var browser = FakeBrowser(dir, $$"""
            if [ ! -f '{{tried}}' ]; then touch '{{tried}}'; sleep 30; fi
            for a in "$@"; do case "$a" in --screenshot=*) printf 'picture' > "${a#--screenshot=}";; esac; done
            """);
        var renderer = new ChromiumRenderer(browser, TimeSpan.FromSeconds(1));
        ChartExport.SavePng(Prices(), dir.File("out.png"), 400, 300, renderer);
        Assert.Equal("picture", File.ReadAllText(dir.File("out.png")));
    }

    [Fact]
    public void A_missing_browser_says_how_to_install_one()
    {
        using var dir = new TempDir();
        var none = Assert.Throws<FileNotFoundException>(() => ChromiumRenderer.FindExecutable(null, dir.Path));
        Assert.Contains("apt-get install -y chromium", none.Message);
        Assert.Contains(ChromiumRenderer.EnvironmentVariable, none.Message);

        var wrong = Assert.Throws<FileNotFoundException>(() => ChromiumRenderer.FindExecutable(dir.File("no-such-chrome"), null));
        Assert.Contains(ChromiumRenderer.EnvironmentVariable, wrong.Message);
    }

    [Fact]
    public void The_browser_is_found_on_path_unless_an_override_is_given()
    {
        using var dir = new TempDir();
        var onPath = FakeBrowser(dir, "exit 0", "chromium");
        var other = FakeBrowser(dir, "exit 0", "my-chrome");
        Assert.Equal(onPath, ChromiumRenderer.FindExecutable(null, "/nonexistent" + Path.PathSeparator + dir.Path));
        Assert.Equal(other, ChromiumRenderer.FindExecutable(other, dir.Path));
    }

    /// <summary>Skips only where no Chromium is installed; a wrong PRICER_CHROMIUM is a misconfiguration and fails.</summary>
    private static void RequireChromium()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ChromiumRenderer.EnvironmentVariable))) return;
        try { ChromiumRenderer.FindExecutable(null, Environment.GetEnvironmentVariable("PATH")); }
        catch (FileNotFoundException e) { Skip.If(true, "PNG export needs Chromium: " + e.Message); }
    }

    /// <summary>A shell script standing in for Chromium, to provoke each failure without a real browser.</summary>
    private static string FakeBrowser(TempDir dir, string body, string name = "fake-chromium")
    {
        var path = dir.File(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature.</summary>
    private static (int Width, int Height) IhdrSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static int CountPixels(Png png, int r, int g, int b, int tolerance)
    {
        int count = 0;
        for (int y = 0; y < png.Height; y++)
            for (int x = 0; x < png.Width; x++)
            {
                var p = png.GetPixel(x, y);
                if (Math.Abs(p.R - r) <= tolerance && Math.Abs(p.G - g) <= tolerance && Math.Abs(p.B - b) <= tolerance) count++;
            }
        return count;
    }
}
