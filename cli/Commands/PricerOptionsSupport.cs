using PricerLib.Pricers;

namespace Pricer.Cli.Commands;

/// <summary>Where <c>evaluate</c> and <c>train</c> find the pricer kinds' options (checked per kind by the registry).</summary>
internal static class PricerOptionsSupport
{
    /// <summary>Every option name any registered kind declares.</summary>
    public static IReadOnlyList<string> AllKindOptions(PricerRegistry registry) =>
        registry.Registrations.SelectMany(r => r.Options).Select(o => o.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
