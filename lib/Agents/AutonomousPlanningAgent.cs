using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PricerLib.Frontier;
using ChatRole = Microsoft.Extensions.AI.ChatRole;

namespace PricerLib.Agents;

/// <summary>How far the autonomous planner may go in one run.</summary>
/// <param name="MaxRounds">Model calls at most (each round answers the previous round's tool calls).</param>
/// <param name="MaxCostUsd">Dollars the planner's model may spend; null for no limit.</param>
public sealed record AutonomousLimits(int MaxRounds = 10, double? MaxCostUsd = 0.50);

/// <summary>
/// The 2025 edition's Autonomous Planning Agent: a chat model is given the three steps as tools —
/// <c>scan_the_internet_for_bargains</c>, <c>estimate_true_value</c>, <c>notify_user_of_deal</c> — and decides the
/// workflow. Where the course loops over <c>finish_reason == "tool_calls"</c> by hand, this uses Microsoft.Extensions.AI's
/// <see cref="FunctionInvokingChatClient"/> over any <see cref="IChatClient"/>, bounded by <see cref="AutonomousLimits"/>
/// (rounds and cost; the course has no bound). The notification goes out once per run and only for a URL the scan
/// offered; the message is the course's 2024 alert text (the 2025 edition has Claude write it).
/// </summary>
public sealed class AutonomousPlanningAgent : Agent, IDealPlanner
{
    private readonly ScannerAgent _scanner;
    private readonly PlanningAgent _pricing;
    private readonly MessagingAgent _messenger;
    private readonly IChatClient _chat;
    private readonly string _model;
    private readonly AutonomousLimits _limits;
    private readonly PriceTable _prices;
    private RunState _run = new([]);

    /// <summary>A planner whose model is <paramref name="chat"/> (<paramref name="model"/> names it for costs).</summary>
    /// <param name="log">Where it logs.</param>
    /// <param name="scanner">The scan tool's agent.</param>
    /// <param name="pricing">Prices descriptions for the estimate tool (its pricer).</param>
    /// <param name="messenger">The notify tool's agent.</param>
    /// <param name="chat">The planner's chat model (the caller owns it).</param>
    /// <param name="model">The model's id.</param>
    /// <param name="limits">Rounds and cost.</param>
    /// <param name="prices">Prices per token; default the workbook's table.</param>
    public AutonomousPlanningAgent(AgentLog log, ScannerAgent scanner, PlanningAgent pricing, MessagingAgent messenger, IChatClient chat, string model,
        AutonomousLimits limits, PriceTable? prices = null) : base(log)
    {
        _scanner = scanner;
        _pricing = pricing;
        _messenger = messenger;
        _chat = chat;
        _model = model;
        _limits = limits;
        _prices = prices ?? PriceTable.Default;
    }

    /// <inheritdoc/>
    public override string Name => "Autonomous Planning Agent";

    /// <inheritdoc/>
    public override AgentColour Colour => AgentColour.Green;

    /// <inheritdoc/>
    public async Task<PlanResult> PlanAsync(IReadOnlyList<Opportunity> memory, CancellationToken cancellationToken = default)
    {
        Log("Autonomous Planning Agent is kicking off a run");
        _run = new RunState(memory);
        var budget = new RunBudget(_limits.MaxRounds, _limits.MaxCostUsd);
        using var client = new FunctionInvokingChatClient(new BudgetedChatClient(_chat, budget, _model, _prices))
        {
            MaximumIterationsPerRequest = _limits.MaxRounds,
        };
        var prompts = DealAgentPrompts.Autonomous;
        var options = new ChatOptions
        {
            ModelId = _model,
            Tools =
            [
                AIFunctionFactory.Create(ScanAsync, "scan_the_internet_for_bargains",
                    "Returns top bargains scraped from the internet along with the price each item is being offered for"),
                AIFunctionFactory.Create(EstimateAsync, "estimate_true_value", "Given the description of an item, estimate how much it is actually worth"),
                AIFunctionFactory.Create(NotifyAsync, "notify_user_of_deal",
                    "Send the user a push notification about the single most compelling deal; only call this one time"),
            ],
        };
        try
        {
            var response = await client.GetResponseAsync([new(ChatRole.System, prompts.System), new(ChatRole.User, prompts.User)], options, cancellationToken)
                .ConfigureAwait(false);
            Log($"Autonomous Planning Agent completed with: {response.Text}");
        }
        catch (DealAgentException e)
        {
            Warn($"Autonomous Planning Agent stopped: {e.Message}");
        }
        catch (Exception e) when (e is System.ClientModel.ClientResultException or HttpRequestException or IOException)
        {
            Warn($"Autonomous Planning Agent stopped: its chat model failed ({e.Message})");
        }
        var run = _run;
        var priced = run.Priced.OrderByDescending(o => o.Discount).ToList();
        return new PlanResult(run.Scan ?? new DealScan([], [], new DealFetchCounts(), 0), priced, run.Notified, run.Alert, budget.CostUsd);
    }

    [Description("Returns top bargains scraped from the internet along with the price each item is being offered for")]
    private async Task<string> ScanAsync(CancellationToken cancellationToken)
    {
        Log("Autonomous Planning agent is calling scanner");
        var scan = await _scanner.ScanAsync(_run.Memory, cancellationToken).ConfigureAwait(false);
        _run.Scan = scan;
        return scan.Selected.Count == 0 ? "No deals found" : JsonSerializer.Serialize(new { deals = scan.Selected });
    }

    private async Task<string> EstimateAsync([Description("The description of the item to be estimated")] string description, CancellationToken cancellationToken)
    {
        Log("Autonomous Planning agent is estimating value via the pricer");
        if (await _pricing.EstimateAsync(description, cancellationToken).ConfigureAwait(false) is not { } estimate)
            return $"The true value of {description} could not be estimated";
        if (_run.Scan?.Selected.FirstOrDefault(d => d.ProductDescription == description.Trim()) is { } deal) _run.Priced.Add(Opportunity.Of(deal, estimate));
        return $"The estimated true value of {description} is {estimate}";
    }

    private async Task<string> NotifyAsync(
        [Description("The description of the item itself scraped from the internet")] string description,
        [Description("The price offered by this deal scraped from the internet")] double deal_price,
        [Description("The estimated actual value that this is worth")] double estimated_true_value,
        [Description("The URL of this deal as scraped from the internet")] string url,
        CancellationToken cancellationToken)
    {
        if (_run.Notified is not null)
        {
            Log("Autonomous Planning agent is trying to notify the user a 2nd time; ignoring");
            return "Notification sent ok";
        }
        if (_run.Scan?.Selected.Any(d => d.Url == url) != true)
        {
            Warn($"Autonomous Planning agent was asked to notify about {url}, which the scan did not offer; ignored");
            return "That URL is not one of the scanned deals; no notification was sent";
        }
        Log("Autonomous Planning agent is notifying user");
        var opportunity = Opportunity.Of(new Deal(description, deal_price, url), estimated_true_value);
        _run.Notified = opportunity;
        _run.Alert = await _messenger.AlertAsync(opportunity, cancellationToken).ConfigureAwait(false);
        return "Notification sent ok";
    }

    /// <summary>What the tools saw in the current run.</summary>
    private sealed class RunState(IReadOnlyList<Opportunity> memory)
    {
        public IReadOnlyList<Opportunity> Memory { get; } = memory;
        public DealScan? Scan { get; set; }
        public List<Opportunity> Priced { get; } = [];
        public Opportunity? Notified { get; set; }
        public AlertOutcome? Alert { get; set; }
    }
}

/// <summary>
/// Counts each model call against a <see cref="RunBudget"/> (calls and dollars from the reported usage) and refuses
/// the next call once the budget is spent, so a model that keeps calling tools cannot run up a bill.
/// </summary>
internal sealed class BudgetedChatClient(IChatClient inner, RunBudget budget, string model, PriceTable prices) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (budget.TryReserve(0) is not null)
            throw new DealAgentException($"its budget is spent ({budget.Requests} model calls, ${budget.CostUsd:0.####}); --max-rounds and --max-cost set it");
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var usage = response.Usage;
        budget.Settle(0, prices.Cost(model, usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0) ?? 0);
        return response;
    }
}
