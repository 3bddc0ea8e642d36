using System.Diagnostics;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Hardening;

/// <summary>Issue 10, case 13: SIGINT to <c>pricer notebooks</c> alone (not its process group) ends its <c>dotnet repl</c> child.</summary>
[Trait("Category", "Slow")]
public class NotebooksInterruptTests
{
    [SkippableFact]
    public void Sigint_to_pricer_notebooks_ends_its_dotnet_repl_child()
    {
        var undeliverable = Posix.CannotDeliver(Posix.SigInt);
        Skip.If(undeliverable is not null, undeliverable);
        using var dir = new TempDir();
        using var process = PricerProcess.Start(new Dictionary<string, string?>(), "notebooks", "00-settings", "--out", dir.Path);
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        int child = 0;
        var clock = Stopwatch.StartNew();
        while (child == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            child = ChildrenOf(process.Id).FirstOrDefault();
            Thread.Sleep(100);
        }
        Skip.If(child == 0, "pricer notebooks started no child (dotnet repl not installed?)");

        Posix.Signal(process.Id, Posix.SigInt);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "did not stop after the signal");

        Assert.Equal(130, process.ExitCode);
        Assert.DoesNotContain("unexpected", stderr.Result);
        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal),
            $"the child {child} still runs");
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        using var ps = Process.Start(new ProcessStartInfo("ps", ["-o", "pid=", "--ppid", pid.ToString()]) { RedirectStandardOutput = true })!;
        var text = ps.StandardOutput.ReadToEnd();
        ps.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => int.Parse(line.Trim()));
    }
}
