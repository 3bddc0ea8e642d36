namespace PricerLib.Tokenization;

/// <summary>A tokenizer file could not be used; the message says which file, why, and what to give instead.</summary>
public sealed class TokenizerLoadException : PricerException
{
    /// <summary>Creates the exception.</summary>
    public TokenizerLoadException(string message, Exception? inner = null) : base(message, inner: inner) { }
}
