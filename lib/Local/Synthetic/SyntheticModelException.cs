namespace PricerLib.Local.Synthetic;

/// <summary>A synthetic model or adapter that cannot be made as asked: an unknown shape or type, an existing file, too little disk.</summary>
public sealed class SyntheticModelException(string message, Exception? inner = null) : LocalModelException(message, inner);
