namespace PricerLib.Data;

/// <summary>A row of an items file that was left out.</summary>
/// <param name="Location">"line N" (JSONL, 1-based) or "row N" (Parquet, 1-based).</param>
/// <param name="Problem">What was wrong.</param>
/// <param name="Detail">A readable explanation, e.g. "price is -5".</param>
public sealed record ItemRowSkip(string Location, ItemRowProblem Problem, string Detail);
