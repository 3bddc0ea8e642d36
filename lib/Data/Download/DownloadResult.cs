namespace PricerLib.Data.Download;

/// <summary>A finished download.</summary>
/// <param name="Path">Where the complete file lies.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="AlreadyPresent">True when the file was complete before and nothing was fetched.</param>
public sealed record DownloadResult(string Path, long Bytes, bool AlreadyPresent);
