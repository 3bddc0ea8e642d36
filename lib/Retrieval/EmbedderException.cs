namespace PricerLib.Retrieval;

/// <summary>The embedding model could not be found, verified or run.</summary>
public sealed class EmbedderException(string message, Exception? inner = null) : PricerException(message, inner: inner);
