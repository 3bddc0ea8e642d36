using System.Net;

namespace PricerLib.Data.Download;

/// <summary>A download that could not be completed; the message says why and whether running again resumes it.</summary>
public sealed class DownloadException : PricerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with the URL.</param>
    /// <param name="status">The HTTP status that ended it, when a response did (e.g. 404).</param>
    /// <param name="inner">The underlying error, if any.</param>
    public DownloadException(string message, HttpStatusCode? status = null, Exception? inner = null) : base(message, mayRetry: status is null || (int)status >= 500, inner: inner) =>
        Status = status;

    /// <summary>The HTTP status that ended the download, or null when it ended otherwise (broken connection, size).</summary>
    public HttpStatusCode? Status { get; }
}
