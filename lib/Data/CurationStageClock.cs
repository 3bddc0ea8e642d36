using System.Diagnostics;

namespace PricerLib.Data;

/// <summary>The steps of curating one row that <see cref="CurationStageClock"/> times.</summary>
public enum CurationStage
{
    /// <summary>Building the contents and scrubbing title and contents.</summary>
    Scrub,
    /// <summary>Encoding the scrubbed text and cutting it to <see cref="ItemCurator.MaxTokens"/> tokens.</summary>
    TokenizeAndCut,
    /// <summary>Decoding the cut tokens (with Hugging Face's clean-up).</summary>
    Decode,
    /// <summary>Counting the final prompt's tokens.</summary>
    PromptCount,
    /// <summary>Serializing the items to JSON lines (a pipeline's workers) and writing the lines (its calling thread).</summary>
    Write,
}

/// <summary>
/// Time spent in each <see cref="CurationStage"/>, summed over every thread that curates, for benchmarks.
/// One timestamp per stage per row, and sums kept per thread, so its own cost stays far below a row's: shared sums
/// bounced their cache line between the cores on every row.
/// </summary>
public sealed class CurationStageClock
{
    private static readonly int Stages = Enum.GetValues<CurationStage>().Length;

    // A cache line of padding after a thread's sums keeps another thread's off their line.
    private readonly ThreadLocal<long[]> _ticks = new(() => new long[Stages + 8], trackAllValues: true);

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="stage"/> and returns now, the next stage's start.</summary>
    public long Lap(CurationStage stage, long start)
    {
        long now = Stopwatch.GetTimestamp();
        _ticks.Value![(int)stage] += now - start;
        return now;
    }

    /// <summary>The time summed so far for <paramref name="stage"/>, over every thread (read it once they are done).</summary>
    public TimeSpan this[CurationStage stage] => Stopwatch.GetElapsedTime(0, _ticks.Values.Sum(ticks => ticks[(int)stage]));
}
