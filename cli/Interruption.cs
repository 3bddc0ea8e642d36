using System.Runtime.InteropServices;
using Pricer.Cli.Commands;

namespace Pricer.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into cancellation of the running verb, so it stops cleanly and removes
/// its temp files (.NET's default ends the process at once, leaving them). A second signal ends the process as usual.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly PosixSignalRegistration[] registrations;
    private PosixSignal? received;

    public Interruption() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>The process's exit code: 128 + the signal's number when one stopped the verb (130 SIGINT, 143 SIGTERM).</summary>
    public int ExitCode(int verbExitCode) =>
        received == PosixSignal.SIGTERM && verbExitCode == ExitCodes.Interrupted ? 143 : verbExitCode;

    private void Handle(PosixSignalContext context)
    {
        if (received is not null) return; // the second signal: let it end the process
        received = context.Signal;
        context.Cancel = true;
        CommandConsoles.Warn($"Interrupted ({context.Signal}): stopping and removing what was half written; signal again to quit at once.");
        cancellation.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        cancellation.Dispose();
    }
}
