namespace PricerLib.Retrieval;

/// <summary>A vector store folder that is missing, incomplete, or made with another model or items file than asked for.</summary>
public sealed class VectorStoreException(string message, Exception? inner = null) : PricerException(message, inner: inner);
