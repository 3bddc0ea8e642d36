namespace PricerLib.Tokenization;

/// <summary>
/// The Llama 3 tokenizer could not be downloaded, or what was downloaded is not it; the message says which URL and
/// why, and nothing unverified is left in the cache.
/// </summary>
public sealed class TokenizerDownloadException : PricerException
{
    /// <summary>Creates the exception.</summary>
    public TokenizerDownloadException(string message, Exception? inner = null) : base(message, mayRetry: true, inner: inner) { }
}
