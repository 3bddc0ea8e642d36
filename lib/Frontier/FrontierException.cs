namespace PricerLib.Frontier;

/// <summary>A frontier model could not be asked or did not answer usefully. Messages never hold an API key.</summary>
public class FrontierException(string message, bool mayRetry = false, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when trying again later may succeed (rate limits, server errors, timeouts).</summary>
    public bool MayRetry { get; } = mayRetry;
}
