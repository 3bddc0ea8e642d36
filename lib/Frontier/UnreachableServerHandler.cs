namespace PricerLib.Frontier;

/// <summary>
/// Stops Anthropic's SDK from retrying a server that cannot answer: its policy retries every connection error, a
/// refused connection and an unknown host included (four tries and seconds of back-off for a server that is not there).
/// A permanent failure (<see cref="Unreachable.IsPermanent"/>) leaves here as an <see cref="UnreachableServerException"/>,
/// which the SDK does not take for a connection error, so it reaches the backend at once. Counts the tries it sees.
/// </summary>
internal sealed class UnreachableServerHandler : DelegatingHandler
{
    private int _sends;

    /// <summary>Requests sent so far, retries included.</summary>
    public int Sends => _sends;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sends);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (Unreachable.IsPermanent(e))
        {
            throw new UnreachableServerException(e);
        }
    }
}

/// <summary>A server that refused the connection or whose host is unknown: trying again will not help.</summary>
internal sealed class UnreachableServerException(HttpRequestException failure) : Exception(failure.Message, failure);
