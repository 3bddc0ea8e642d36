namespace PricerLib.Data.Download;

/// <summary>How far one file's download has got.</summary>
/// <param name="BytesDone">Bytes in the partial file so far (resumed bytes included).</param>
/// <param name="TotalBytes">The file's full size, when the server said it.</param>
public readonly record struct TransferProgress(long BytesDone, long? TotalBytes);
