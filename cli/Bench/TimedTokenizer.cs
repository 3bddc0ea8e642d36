using System.Diagnostics;
using PricerLib.Tokenization;

namespace Pricer.Cli.Bench;

/// <summary>A tokenizer that adds up the time spent inside it across all threads, for the benchmark's token share.</summary>
internal sealed class TimedTokenizer(ITextTokenizer inner) : ITextTokenizer
{
    private long _ticks;

    public string Name => inner.Name;

    /// <summary>Time spent in the tokenizer so far, summed over threads.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public void Reset() => Interlocked.Exchange(ref _ticks, 0);

    public IReadOnlyList<int> Encode(string text) => Timed(() => inner.Encode(text));

    public int CountTokens(string text) => Timed(() => inner.CountTokens(text));

    public string Decode(IEnumerable<int> ids) => Timed(() => inner.Decode(ids));

    private T Timed<T>(Func<T> call)
    {
        long start = Stopwatch.GetTimestamp();
        try { return call(); }
        finally { Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start); }
    }
}
