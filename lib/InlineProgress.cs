namespace PricerLib;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the calling thread. <see cref="Progress{T}"/> would post each report
/// to the thread pool (or a captured context), where they can arrive out of order; use this where the receiver is
/// thread-safe (Spectre's progress tasks) or merely translates the report for another progress.
/// </summary>
/// <param name="report">What each report does.</param>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
