using PricerLib.Frontier;
using PricerLib.Frontier.FineTuning;

namespace PricerLib.Tests.Frontier;

/// <summary>The fine-tuning and batch clients wired to a <see cref="FrontierRig"/>'s server and key.</summary>
internal static class FineTuningSupport
{
    /// <summary>The connection the SDK clients use: the server, the run's key, retry waits scaled down 100×.</summary>
    public static OpenAiConnection Connection(this FrontierRig rig) => new(rig.Server.BaseUrl, ApiKey.Of("TEST_KEY", FrontierRig.Key), RetryDelayScale: 0.01);

    /// <summary>The REST client of fine-tuning and batches against the server.</summary>
    public static OpenAiRest Rest(this FrontierRig rig) => new(rig.Connection());

    /// <summary>Everything the rig's folder holds (caches, records), for leak checks.</summary>
    public static string AllFiles(this FrontierRig rig) =>
        string.Concat(Directory.GetFiles(rig.Folder.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
}
