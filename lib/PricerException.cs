namespace PricerLib;

/// <summary>
/// The base of every failure the library expects and can explain: bad input, an unavailable pricer, an endpoint that
/// refused, a model file that does not load. Its message is written for the user, so each CLI verb has one catch
/// that prints it; anything else is a bug and keeps its stack trace. Messages never hold secrets.
/// </summary>
public class PricerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do, for the user.</param>
    /// <param name="mayRetry">True when trying again later may succeed (a timeout, a rate limit, a busy server).</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public PricerException(string message, bool mayRetry = false, Exception? inner = null) : base(message, inner) => MayRetry = mayRetry;

    /// <summary>True when trying again later may succeed.</summary>
    public bool MayRetry { get; }
}
