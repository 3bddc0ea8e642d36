using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Agents;

/// <summary>What one planner run did.</summary>
/// <param name="Scan">What the scanner read and selected.</param>
/// <param name="Priced">The selected deals the pricer priced, best discount first.</param>
/// <param name="Best">The best opportunity when its discount passes the threshold (the course's return value); else null.</param>
/// <param name="Alert">How its alert went; null when there was none.</param>
/// <param name="PlannerCostUsd">What a planner's own chat model cost (the autonomous planner's; 0 for the course's planner).</param>
public sealed record PlanResult(DealScan Scan, IReadOnlyList<Opportunity> Priced, Opportunity? Best, AlertOutcome? Alert, double PlannerCostUsd = 0)
{
    /// <summary>The whole run's model cost: the scanner's and the planner's.</summary>
    public double CostUsd => Scan.CostUsd + PlannerCostUsd;
}

/// <summary>A planner the framework runs: the course's fixed workflow, or the 2025 autonomous one.</summary>
public interface IDealPlanner
{
    /// <summary>One run over the deals memory has not seen.</summary>
    Task<PlanResult> PlanAsync(IReadOnlyList<Opportunity> memory, CancellationToken cancellationToken = default);
}

/// <summary>
/// The course's Planning Agent: scan, price each selected deal with the pricer (the course's ensemble; here any
/// <see cref="IPricer"/> the registry makes), keep the one with the biggest discount, and alert when that discount is
/// above the threshold (the course's $50). A deal the pricer fails on is logged and skipped.
/// </summary>
/// <param name="log">Where it logs.</param>
/// <param name="scanner">The scanner.</param>
/// <param name="pricer">Prices a deal's description (the caller owns it).</param>
/// <param name="messenger">Sends the alert.</param>
/// <param name="threshold">The discount, in dollars, an alert needs to pass.</param>
public sealed class PlanningAgent(AgentLog log, ScannerAgent scanner, IPricer pricer, MessagingAgent messenger, double threshold = PlanningAgent.CourseThreshold)
    : Agent(log), IDealPlanner
{
    /// <summary>The course's <c>DEAL_THRESHOLD</c>.</summary>
    public const double CourseThreshold = 50;

    /// <summary>Deals priced per run (the course: the first 5 of the selection).</summary>
    public const int DealsPerRun = 5;

    /// <inheritdoc/>
    public override string Name => "Planning Agent";

    /// <inheritdoc/>
    public override AgentColour Colour => AgentColour.Green;

    /// <summary>The pricer's estimate for <paramref name="deal"/>, as an opportunity; null when the pricer failed (logged).</summary>
    public async Task<Opportunity?> PriceAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        Log("Planning Agent is pricing up a potential deal");
        var estimate = await EstimateAsync(deal.ProductDescription, cancellationToken).ConfigureAwait(false);
        if (estimate is null) return null;
        var opportunity = Opportunity.Of(deal, estimate.Value);
        Log($"Planning Agent has processed a deal with discount ${opportunity.Discount:F2}");
        return opportunity;
    }

    /// <summary>The pricer's estimate for a description; null when the pricer failed (logged).</summary>
    public async Task<double?> EstimateAsync(string description, CancellationToken cancellationToken = default)
    {
        try
        {
            var guess = await pricer.PriceAsync(DealItem.For(description), cancellationToken).ConfigureAwait(false);
            if (double.IsFinite(guess.Price)) return guess.Price;
            Warn($"Planning Agent: the pricer gave {guess.Price} for a deal; skipped");
        }
        catch (Exception e) when (e is PricerException or HttpRequestException or IOException or InvalidOperationException)
        {
            Warn($"Planning Agent: the pricer failed on a deal ({e.Message}); skipped");
        }
        return null;
    }

    /// <summary>One run: scan, price, pick the best, alert above the threshold.</summary>
    public async Task<PlanResult> PlanAsync(IReadOnlyList<Opportunity> memory, CancellationToken cancellationToken = default)
    {
        Log("Planning Agent is kicking off a run");
        var scan = await scanner.ScanAsync(memory, cancellationToken).ConfigureAwait(false);
        var priced = new List<Opportunity>();
        foreach (var deal in scan.Selected.Take(DealsPerRun))
            if (await PriceAsync(deal, cancellationToken).ConfigureAwait(false) is { } opportunity) priced.Add(opportunity);
        if (priced.Count == 0) return new PlanResult(scan, priced, null, null);

        priced.Sort((a, b) => b.Discount.CompareTo(a.Discount));
        var best = priced[0];
        Log($"Planning Agent has identified the best deal has discount ${best.Discount:F2}");
        AlertOutcome? alert = null;
        if (best.Discount > threshold) alert = await messenger.AlertAsync(best, cancellationToken).ConfigureAwait(false);
        Log("Planning Agent has completed a run");
        return new PlanResult(scan, priced, best.Discount > threshold ? best : null, alert);
    }
}

/// <summary>A deal's description as an item a pricer can price: the text is the description, as the course's agents price it.</summary>
public static class DealItem
{
    /// <summary>
    /// An item whose prompt is the course's question, the description and "Price is $" (its price unknown, 0), with the
    /// description as the 2025 summary and the first line as title, so pricers of either edition read it.
    /// </summary>
    public static Item For(string description)
    {
        var text = description.Trim();
        return new Item
        {
            Title = text.Split('\n', 2)[0],
            Price = 0,
            Prompt = $"{Item.Question}\n\n{text}\n\n{Item.Prefix}0.00",
            Summary = text,
        };
    }
}
