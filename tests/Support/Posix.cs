using System.Runtime.InteropServices;

namespace PricerLib.Tests.Support;

/// <summary>
/// The POSIX calls the hardening tests need and .NET lacks: <c>kill(2)</c> with any signal (.NET's
/// <c>Process.Kill</c> sends SIGKILL only) and <c>mkfifo(3)</c>.
/// </summary>
internal static class Posix
{
    public const int SigInt = 2, SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>.</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>
    /// Why a signal test cannot run here, or null: a shell without job control starts background jobs with SIGINT
    /// ignored, children inherit that, and .NET (as any well-behaved program) leaves an inherited ignore alone.
    /// </summary>
    public static string? CannotDeliver(int signal)
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        bool ignored = line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
        return ignored ? $"signal {signal} is ignored by this test process (started in the background without job control), so its children ignore it too" : null;
    }

    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/>.</summary>
    public static string MakeFifo(string path)
    {
        if (Mkfifo(path, Convert.ToUInt32("644", 8)) != 0) throw new InvalidOperationException($"mkfifo({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        return path;
    }

    /// <summary>The file type as stat(1) names it ("regular file", "fifo", "symbolic link", …), links not followed.</summary>
    public static string TypeOf(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true })!;
        string type = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return type;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
