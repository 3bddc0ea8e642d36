using System.Diagnostics;
using System.Text.Json;

namespace PricerLib.Notebooks;

/// <summary>One cell that failed in a headless run.</summary>
/// <param name="Index">1-based position among the notebook's cells.</param>
/// <param name="FirstLine">The cell's first source line, to find it.</param>
/// <param name="Error">What the kernel reported.</param>
public sealed record FailedCell(int Index, string FirstLine, string Error);

/// <summary>The outcome of executing one notebook headless.</summary>
public sealed record NotebookRun(string Notebook, string ExecutedPath, int ExitCode, IReadOnlyList<FailedCell> FailedCells, TimeSpan Duration, string Log)
{
    /// <summary>True when dotnet-repl exited 0 and no cell reported an error.</summary>
    public bool Succeeded => ExitCode == 0 && FailedCells.Count == 0;
}

/// <summary>
/// Executes <c>.dib</c> notebooks headless with dotnet-repl (pinned in <c>.config/dotnet-tools.json</c>), writing each
/// executed notebook as <c>.ipynb</c> (with its outputs) and reading back which cells failed.
/// </summary>
/// <param name="outputFolder">Where executed notebooks and their charts go.</param>
/// <param name="environment">Extra environment variables for the notebooks (e.g. <c>PRICER_DATA</c>, <c>PRICER_RESULTS</c>).</param>
public sealed class NotebookRunner(string outputFolder, IReadOnlyDictionary<string, string>? environment = null)
{
    /// <summary>Environment variable naming the folder where notebooks export their charts.</summary>
    public const string ReportFolderVariable = WorkbookSettings.Variables.Report;

    public string OutputFolder { get; } = Path.GetFullPath(outputFolder);

    /// <summary>Every <c>.dib</c> in the folder, in name order (01-…, 02-…, …).</summary>
    public static IReadOnlyList<string> Discover(string notebooksFolder) =>
        Directory.GetFiles(notebooksFolder, "*.dib").Order(StringComparer.Ordinal).ToList();

    /// <summary>Runs one notebook with the notebooks folder as working directory (so relative <c>#r</c> paths resolve as in VS Code).</summary>
    public async Task<NotebookRun> RunAsync(string notebookPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(OutputFolder); // dotnet-repl crashes when its output folder is missing
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        var executed = Path.Combine(OutputFolder, name + ".ipynb");
        File.Delete(executed);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "repl", "--run", Path.GetFullPath(notebookPath), "--exit-after-run", "--output-format", "ipynb", "--output-path", executed })
            start.ArgumentList.Add(arg);
        start.Environment[ReportFolderVariable] = Path.Combine(OutputFolder, "charts", name);
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
            start.Environment[variable] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `dotnet repl`.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested(); // interrupted (Ctrl-C), not timed out: the child is gone too
            throw new TimeoutException($"{name} did not finish within {timeout.TotalSeconds:N0} s.");
        }
        var log = (await stdout) + (await stderr);
        if (log.Contains("dotnet-repl does not exist", StringComparison.Ordinal))
            throw new InvalidOperationException("dotnet-repl is not installed: run `dotnet tool restore` in the checkout.");

        var failed = File.Exists(executed) ? ReadFailedCells(executed) : [new FailedCell(0, "", "no executed notebook was written:\n" + log)];
        return new NotebookRun(name, executed, process.ExitCode, failed, clock.Elapsed, log);
    }

    /// <summary>Cells whose outputs include an error, from an executed <c>.ipynb</c>.</summary>
    public static IReadOnlyList<FailedCell> ReadFailedCells(string ipynbPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(ipynbPath));
        var failed = new List<FailedCell>();
        int index = 0;
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateArray())
            {
                if (output.GetProperty("output_type").GetString() != "error") continue;
                var source = cell.GetProperty("source");
                var firstLine = source.ValueKind == JsonValueKind.Array && source.GetArrayLength() > 0
                    ? source[0].GetString() ?? "" : source.ToString();
                // The first line of evalue carries the message; the rest is the kernel's stack.
                var error = output.TryGetProperty("evalue", out var value) ? value.GetString() ?? "" : "";
                failed.Add(new FailedCell(index, firstLine.Trim(), error.Split('\n')[0].Trim()));
            }
        }
        return failed;
    }
}
