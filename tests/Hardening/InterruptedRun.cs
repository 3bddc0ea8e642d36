using PricerLib.Tests.Support;

namespace PricerLib.Tests.Hardening;

/// <summary>
/// Runs the CLI as a real process, waits until a line on its stderr says the work is under way, sends it a real
/// SIGINT or SIGTERM with kill(2), and returns how it ended.
/// </summary>
internal static class InterruptedRun
{
    public static (int ExitCode, string Stderr) Signal(int signal, string busyMarker, params string[] args) =>
        Signal(new Dictionary<string, string?>(), signal, busyMarker, args);

    public static (int ExitCode, string Stderr) Signal(IReadOnlyDictionary<string, string?> environment, int signal, string busyMarker,
        params string[] args)
    {
        var undeliverable = Posix.CannotDeliver(signal);
        Skip.If(undeliverable is not null, undeliverable);
        using var process = PricerProcess.Start(environment, args);
        var log = new System.Text.StringBuilder();
        var busy = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log) log.AppendLine(e.Data);
            if (e.Data?.Contains(busyMarker, StringComparison.Ordinal) == true) busy.Set();
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.True(busy.Wait(TimeSpan.FromSeconds(90)), $"never saw \"{busyMarker}\": {log}");
        Assert.False(process.HasExited, "the work ended before it could be interrupted: " + log);

        Posix.Signal(process.Id, signal);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "did not stop after the signal");
        process.WaitForExit(); // the end of the redirected streams
        lock (log) return (process.ExitCode, log.ToString());
    }
}
