namespace PricerLib.Data;

/// <summary>An output file or folder could not be written: it names the user's path (never a temp file) and why.</summary>
public sealed class OutputFileException(string message, Exception? inner = null) : PricerException(message, inner: inner)
{
    private const int NoSpace = 28, FileTooLarge = 27, QuotaExceeded = 122;

    /// <summary>The failure to write <paramref name="path"/>, said in words.</summary>
    internal static OutputFileException For(string path, Exception e) => new($"Cannot write {path}: {Reason(e)}.", e);

    /// <summary>True for the errors only a write gives (disk full, quota, file size limit), not a read of an input.</summary>
    internal static bool IsWriteFailure(Exception e) => e is IOException { HResult: NoSpace or FileTooLarge or QuotaExceeded };

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied (choose a folder you can write to)",
        DirectoryNotFoundException => "its folder does not exist and cannot be created",
        FileNotFoundException => "its folder does not take new files (choose a folder you can write to)",
        IOException { HResult: NoSpace } => "no space left on the device",
        IOException { HResult: QuotaExceeded } => "disk quota exceeded",
        IOException { HResult: FileTooLarge } => "the file is larger than this file system allows",
        _ => e.Message.TrimEnd('.'),
    };
}
