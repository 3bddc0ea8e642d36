namespace PricerLib.Data.Dataset;

/// <summary>A dataset cannot be built from what was given (e.g. too few items for the requested test split).</summary>
public sealed class DatasetException(string message) : PricerException(message);
