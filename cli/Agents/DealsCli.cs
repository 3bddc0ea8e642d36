using Spectre.Console.Cli;

namespace Pricer.Cli.Agents;

/// <summary>The deal agents' verbs: <c>deals scan</c> (one planner run) and <c>deals serve</c> (the local app).</summary>
public sealed class DealsCli : ICliFamily
{
    /// <inheritdoc/>
    public void AddCommands(IConfigurator config) => config.AddBranch("deals", deals =>
    {
        deals.SetDescription("The course's week-8 deal agents: scan deal feeds, price the deals, alert on a bargain.");
        deals.AddCommand<DealsScanCommand>("scan")
            .WithDescription("One planner run: read the feeds, select deals with a chat model, price them, alert above the threshold; print the opportunities.");
        deals.AddCommand<DealsServeCommand>("serve")
            .WithDescription("\"The Price is Right\": a local page with the opportunities, the agents' live log, runs every N minutes and on demand.");
    });

    /// <inheritdoc/>
    public void AddBenchCommands(IConfigurator<CommandSettings> bench)
    {
    }
}
