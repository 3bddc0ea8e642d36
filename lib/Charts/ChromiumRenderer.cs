using System.Diagnostics;

namespace PricerLib.Charts;

/// <summary>
/// Takes screenshots of local HTML pages with headless Chromium (Debian's <c>chromium</c> package).
/// The Chromium command line is used directly rather than PuppeteerSharp: one process per picture, nothing to
/// download, no logging dependencies.
/// </summary>
public sealed class ChromiumRenderer
{
    /// <summary>Environment variable that names the Chromium (or Chrome) executable to use.</summary>
    public const string EnvironmentVariable = WorkbookSettings.Variables.Chromium;

    /// <summary>How long one screenshot may take before the browser is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Executable names searched on PATH when <see cref="EnvironmentVariable"/> is not set.</summary>
    private static readonly string[] ExecutableNames = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>Lines of Chromium's stderr quoted in an error message.</summary>
    private const int StderrLinesShown = 15;

    /// <summary>
    /// Tries per screenshot while the browser hangs: headless Chromium now and then never finishes a page that a fresh
    /// browser renders at once (seen in CI: one chart of a notebook's run, fine on the next run).
    /// </summary>
    private const int Attempts = 2;

    /// <summary>Uses the given browser executable.</summary>
    public ChromiumRenderer(string executablePath, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executablePath);
        ExecutablePath = executablePath;
        Timeout = timeout ?? DefaultTimeout;
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
    }

    /// <summary>The browser executable.</summary>
    public string ExecutablePath { get; }

    /// <summary>How long one screenshot may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The browser the settings name (<c>PRICER_CHROMIUM</c>), else the first Chromium on PATH.</summary>
    /// <exception cref="FileNotFoundException">No browser was found; the message says how to install one.</exception>
    public static ChromiumRenderer From(WorkbookSettings settings) =>
        new(FindExecutable(settings.Chromium, Environment.GetEnvironmentVariable("PATH")));

    /// <summary>Resolves the browser: <paramref name="overridePath"/> when given (it must exist), else the first of
    /// chromium, chromium-browser, google-chrome in the folders of <paramref name="pathVariable"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing usable was found.</exception>
    public static string FindExecutable(string? overridePath, string? pathVariable)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            if (File.Exists(overridePath)) return overridePath;
            throw new FileNotFoundException(
                $"{EnvironmentVariable} is set to '{overridePath}', but no such file exists. " +
                $"Point it at a Chromium executable, or unset it to use the chromium on PATH.", overridePath);
        }
        var found = (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => ExecutableNames.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        return found ?? throw new FileNotFoundException(
            "Chromium is needed to export charts as PNG, and none was found on PATH " +
            $"(looked for {string.Join(", ", ExecutableNames)}). Install it with `sudo apt-get install -y chromium`, " +
            $"or set {EnvironmentVariable} to a Chromium or Chrome executable.");
    }

    /// <summary>Opens <paramref name="htmlPath"/> in a <paramref name="width"/>×<paramref name="height"/> window and
    /// writes what it shows to <paramref name="pngPath"/>; a browser that hangs is stopped and tried once more.</summary>
    /// <exception cref="TimeoutException">The browser did not finish within <see cref="Timeout"/>, twice.</exception>
    /// <exception cref="InvalidOperationException">The browser failed; the message quotes its stderr.</exception>
    public void Screenshot(string htmlPath, string pngPath, int width, int height)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                ScreenshotOnce(htmlPath, pngPath, width, height);
                return;
            }
            catch (TimeoutException) when (attempt < Attempts)
            {
                // A fresh browser and profile next time.
            }
        }
    }

    private void ScreenshotOnce(string htmlPath, string pngPath, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("pricer-chromium-");
        try
        {
            using var process = Process.Start(StartInfo(htmlPath, pngPath, width, height, profile.FullName))
                ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
            // Read both pipes concurrently: a full pipe would block the browser.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException(
                    $"Chromium did not finish the screenshot of {htmlPath} within {Timeout.TotalSeconds:0} s, {Attempts} times, and was stopped.");
            }
            process.WaitForExit(); // flushes the redirected streams
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"Chromium ({ExecutablePath}) exited with code {process.ExitCode} while rendering {htmlPath}:\n{Excerpt(stderr.Result + stdout.Result)}");
            if (!File.Exists(pngPath) || new FileInfo(pngPath).Length == 0)
                throw new InvalidOperationException(
                    $"Chromium ({ExecutablePath}) exited normally but wrote no screenshot to {pngPath}:\n{Excerpt(stderr.Result + stdout.Result)}");
        }
        finally
        {
            TryDelete(profile);
        }
    }

    private ProcessStartInfo StartInfo(string htmlPath, string pngPath, int width, int height, string profileDir)
    {
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
            $"--user-data-dir={profileDir}",
            $"--window-size={width},{height}",
            // Lets plotly.js finish drawing (scripts, layout, fonts) before the picture is taken.
            "--virtual-time-budget=5000",
            "--run-all-compositor-stages-before-draw",
            $"--screenshot={pngPath}",
            new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
        })
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>The last lines of Chromium's output, without its harmless D-Bus complaints.</summary>
    private static string Excerpt(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("dbus", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        return lines.Length == 0 ? "(no output)" : string.Join('\n', lines.TakeLast(StderrLinesShown));
    }

    private static void TryDelete(DirectoryInfo dir)
    {
        try { dir.Delete(recursive: true); }
        catch (IOException) { /* a crashed browser may still hold files; the OS temp cleaner gets them */ }
        catch (UnauthorizedAccessException) { }
    }
}
