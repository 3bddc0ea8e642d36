namespace PricerLib.Local;

/// <summary>
/// A model or adapter file the local family cannot use (missing, not GGUF, an adapter that does not fit its base, a
/// prompt longer than the context). Thrown before any native call, because llama.cpp would crash the process instead.
/// </summary>
public class LocalModelException(string message, Exception? inner = null) : PricerException(message, inner: inner);

/// <summary>A GGUF or safetensors file that is truncated or breaks its format.</summary>
public sealed class ModelFileFormatException(string message, Exception? inner = null) : LocalModelException(message, inner);
