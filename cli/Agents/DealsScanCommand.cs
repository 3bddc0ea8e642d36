using System.ComponentModel;
using System.Globalization;
using Pricer.Cli.Commands;
using PricerLib.Agents;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Agents;

/// <summary><c>pricer deals scan</c>: one run of the course's agent framework, then the opportunities.</summary>
public sealed class DealsScanCommand : PricerKindCommand<DealsScanCommand.Settings>
{
    /// <summary>The shared options, and <c>--json</c>.</summary>
    public sealed class Settings : DealsSettings
    {
        [CommandOption("--json")]
        [Description("Print exactly one JSON object (camelCase keys) on stdout; the agents' log goes to stderr.")]
        public bool Json { get; init; }
    }


    /// <inheritdoc/>
    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (pricer, agentSettings) = await DealsCommandSupport.PrepareAsync(Registry, settings, ExtraOptions(context), cancellationToken);
        await using var owned = pricer;
        var logConsole = settings.Json ? CommandConsoles.Error() : CommandConsoles.Out();
        var log = new AgentLog();
        log.Logged += entry => AgentConsole.Write(logConsole, entry);
        using var agents = new DealAgents(agentSettings, pricer, log);
        var report = await agents.Framework.RunAsync(cancellationToken)
            ?? throw new DealAgentException("Another planner run was going."); // cannot happen in a fresh process
        if (settings.Json)
        {
            JsonOutput.Print(DealScanSummary.Of(report, agents.Framework.Memory, pricer.Name));
            return ExitCodes.Success;
        }
        var console = CommandConsoles.Out();
        console.Write(OpportunityTable.Of(report.Plan.Priced));
        console.WriteLine(Figures(report));
        return ExitCodes.Success;
    }

    /// <summary>The run's figures in one line.</summary>
    public static string Figures(DealRunReport report) => string.Create(CultureInfo.InvariantCulture,
        $"Deals read {report.Read}, new {report.Scraped}, selected {report.Selected}, priced {report.Priced}, alerted {report.Alerted}; " +
        $"{report.Seconds:0.0} s, ${report.Plan.CostUsd:0.#####} in model calls.");
}

/// <summary>What <c>deals scan --json</c> prints (camelCase).</summary>
public sealed record DealScanSummary(int Read, int Scraped, int Selected, int Priced, int Alerted, string? Alert, double Seconds, double CostUsd,
    string Pricer, OpportunityRow? Best, IReadOnlyList<OpportunityRow> Opportunities, int InMemory)
{
    /// <summary>The summary of <paramref name="report"/>.</summary>
    public static DealScanSummary Of(DealRunReport report, IReadOnlyList<Opportunity> memory, string pricer) => new(
        report.Read, report.Scraped, report.Selected, report.Priced, report.Alerted, report.Plan.Alert?.ToString(), Math.Round(report.Seconds, 3),
        report.Plan.CostUsd, pricer, report.Plan.Best is { } best ? OpportunityRow.Of(best) : null, report.Plan.Priced.Select(OpportunityRow.Of).ToList(), memory.Count);
}

/// <summary>One opportunity flattened for JSON and tables.</summary>
public sealed record OpportunityRow(string Description, double Price, double Estimate, double Discount, string Url)
{
    /// <summary>The row of <paramref name="opportunity"/>.</summary>
    public static OpportunityRow Of(Opportunity opportunity) =>
        new(opportunity.Deal.ProductDescription, opportunity.Deal.Price, opportunity.Estimate, opportunity.Discount, opportunity.Deal.Url);
}

/// <summary>The course's opportunities table (description, price, estimate, discount, URL) for the console.</summary>
internal static class OpportunityTable
{
    public static Table Of(IEnumerable<Opportunity> opportunities)
    {
        var table = new Table().AddColumns("Description", "Price", "Estimate", "Discount", "URL");
        foreach (var row in opportunities.Select(OpportunityRow.Of))
            table.AddRow(new Text(row.Description), Money(row.Price), Money(row.Estimate), Money(row.Discount), new Text(row.Url));
        return table;
    }

    private static Text Money(double value) => new(value.ToString("$0.00", CultureInfo.InvariantCulture));
}
