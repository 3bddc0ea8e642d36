using PricerLib.Data;
using PricerLib.Data.Amazon;
using PricerLib.Text;

namespace Pricer.Cli.Bench;

/// <summary>
/// The two curation paths' scrubbers alone on the input's titles and descriptions, in turns within one process, so
/// that a busy machine slows both alike: CPU microseconds per text for each.
/// </summary>
internal static class ScrubComparison
{
    private const int Rounds = 5;

    /// <summary>(first port, two-pass) CPU µs per text, and the texts scrubbed per round.</summary>
    public static (double FirstPort, double TwoPass, int Texts) Measure(string input)
    {
        var texts = MetadataReader.Read(input).Take(20_000)
            .SelectMany(p => new[] { p.Title ?? "", string.Join('\n', p.Description) }).ToList();
        TimeSpan firstPort = TimeSpan.Zero, twoPass = TimeSpan.Zero;
        for (int round = 0; round < Rounds; round++)
        {
            firstPort += ProcessClock.Measure(() => texts.Sum(t => FirstPortScrubber.Scrub(t).Length)).Cpu;
            twoPass += ProcessClock.Measure(() => texts.Sum(t => ItemScrubber.Scrub(t).Length)).Cpu;
        }
        double perText = 1.0 / (Rounds * texts.Count);
        return (firstPort.TotalMicroseconds * perText, twoPass.TotalMicroseconds * perText, texts.Count);
    }
}
