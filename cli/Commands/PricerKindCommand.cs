using PricerLib.Pricers;

namespace Pricer.Cli.Commands;

/// <summary>
/// A verb that makes a pricer from a spec (<c>evaluate</c>, <c>train</c>): it holds the workbook's registry and takes
/// every kind's declared options, which the registry then checks against the chosen kind.
/// </summary>
public abstract class PricerKindCommand<TSettings> : PricerCommand<TSettings> where TSettings : Spectre.Console.Cli.CommandSettings
{
    /// <summary>The workbook's pricer kinds.</summary>
    protected PricerRegistry Registry { get; } = WorkbookPricers.Create();

    /// <inheritdoc/>
    protected override IReadOnlyList<string> ExtraOptionNames(TSettings settings) =>
        PricerOptionsSupport.AllKindOptions(Registry);
}
