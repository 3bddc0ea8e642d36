namespace PricerLib.Data;

/// <summary>
/// An items file that cannot be read: the path is missing, the file is empty or broken, or a row is bad.
/// The message names the file and, for a bad row, its line (JSONL) or row (Parquet) number.
/// </summary>
public sealed class ItemFileException : PricerException
{
    /// <summary>A problem with the whole file; <paramref name="message"/> names the path itself.</summary>
    public ItemFileException(string path, string message, Exception? inner = null)
        : base(message, inner: inner) => Path = path;

    /// <summary>A bad row.</summary>
    public ItemFileException(string path, ItemRowSkip row)
        : base($"{path}, {row.Location}: {row.Detail}")
    {
        Path = path;
        Row = row;
    }

    /// <summary>The file that could not be read.</summary>
    public string Path { get; }

    /// <summary>The bad row and what was wrong with it; null for a problem with the whole file.</summary>
    public ItemRowSkip? Row { get; }
}
