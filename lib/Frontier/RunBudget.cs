namespace PricerLib.Frontier;

/// <summary>
/// A per-run spending limit (<c>--max-requests</c>, <c>--max-cost</c>). Each request reserves its estimated cost
/// before it is sent and settles its real cost after; once a limit would be passed, later items are not attempted.
/// Cache hits are free and never reach the budget. Thread-safe.
/// </summary>
public sealed class RunBudget(int? maxRequests, double? maxCostUsd)
{
    private readonly Lock _gate = new();
    private int _requests;
    private double _committed;

    /// <summary>Requests sent so far.</summary>
    public int Requests { get { lock (_gate) return _requests; } }

    /// <summary>Dollars spent so far (estimates of requests still in flight included).</summary>
    public double CostUsd { get { lock (_gate) return _committed; } }

    /// <summary>No limit.</summary>
    public static RunBudget Unlimited => new(null, null);

    /// <summary>
    /// Reserves one request costing about <paramref name="estimatedCostUsd"/>; null when the budget allows it,
    /// otherwise why the item is not attempted.
    /// </summary>
    public string? TryReserve(double estimatedCostUsd)
    {
        lock (_gate)
        {
            if (maxRequests is { } requests && _requests >= requests)
                return $"not attempted: the budget of {requests} requests (--max-requests) is spent";
            if (maxCostUsd is { } cost && _committed + estimatedCostUsd > cost)
                return $"not attempted: it would pass the budget of ${cost:0.####} (--max-cost; ${_committed:0.####} spent)";
            _requests++;
            _committed += estimatedCostUsd;
            return null;
        }
    }

    /// <summary>Replaces a reservation's estimate by what the request really cost (0 when it failed).</summary>
    public void Settle(double estimatedCostUsd, double actualCostUsd)
    {
        lock (_gate) _committed += actualCostUsd - estimatedCostUsd;
    }
}
