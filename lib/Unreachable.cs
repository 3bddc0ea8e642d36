using System.Net.Sockets;

namespace PricerLib;

/// <summary>
/// One wording for a server that cannot be reached, whichever client met it (remote, frontier, fine-tuning,
/// downloads), and whether trying again can help: a refused connection or an unknown host will not answer a moment
/// later, so clients fail at once instead of backing off through their retries.
/// </summary>
public static class Unreachable
{
    /// <summary>"Cannot reach URL: reason." The reason is the socket's (e.g. "Connection refused").</summary>
    public static string Message(string url, Exception failure) => $"Cannot reach {url}: {Reason(failure)}.";

    /// <summary>True when <paramref name="failure"/> (or an exception inside it) is a refused connection or an unknown host.</summary>
    public static bool IsPermanent(Exception? failure) => Socket(failure)?.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData or SocketError.AddressNotAvailable;

    private static string Reason(Exception failure) =>
        (Socket(failure)?.Message ?? Innermost(failure).Message).TrimEnd('.');

    private static SocketException? Socket(Exception? failure)
    {
        for (var e = failure; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e.InnerException)
            if (e is SocketException socket) return socket;
        return null;
    }

    private static Exception Innermost(Exception failure)
    {
        var e = failure;
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
