namespace PricerLib.Data.Amazon;

/// <summary>An input file that cannot be read as Amazon metadata at all: missing, empty, or in another format.</summary>
public sealed class MetadataInputException(string path, string message, Exception? inner = null)
    : PricerException($"{path}: {message}", inner: inner)
{
    /// <summary>The file the problem is about.</summary>
    public string Path { get; } = path;
}
