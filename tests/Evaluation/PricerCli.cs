using System.Diagnostics;

namespace PricerLib.Tests.Evaluation;

/// <summary>
/// Runs the built <c>pricer</c> CLI (copied beside the tests through the project reference) as a real process, so
/// stdout is exactly what a user or script gets and tests running in parallel cannot mix their console output.
/// </summary>
internal static class PricerCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "pricer.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the tests project (it references cli/pricer.csproj).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
