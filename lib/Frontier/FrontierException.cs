namespace PricerLib.Frontier;

/// <summary>A frontier model could not be asked or did not answer usefully. Messages never hold an API key.</summary>
public class FrontierException(string message, bool mayRetry = false, Exception? inner = null) : PricerException(message, mayRetry, inner)
{
    /// <summary>The HTTP status the endpoint answered, where the failure was such an answer; null otherwise.</summary>
    public int? Status { get; init; }

    /// <summary>The model's refusal text, where the failure was a refusal (callers that send no prefill word it without the prefill hint); null otherwise.</summary>
    public string? Refusal { get; init; }
}
