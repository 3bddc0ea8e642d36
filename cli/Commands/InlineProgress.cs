namespace Pricer.Cli.Commands;

/// <summary>
/// Reports on the calling thread. <see cref="Progress{T}"/> would post each report to the thread pool, where they can
/// arrive out of order; Spectre's progress tasks are thread-safe, so updating them directly is right.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
