using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PricerLib.Data;
using PricerLib.Evaluation;

namespace PricerLib.Pricers;

/// <summary>
/// Wraps a plain function as an <see cref="IPricer"/>, the way the course hands any function to <c>Tester.test</c>.
/// The name defaults to the expression passed (<c>Predictor.FromPrice(gpt_4o_mini)</c> → "gpt_4o_mini"), so the
/// default title comes out as the course's ("Gpt 4O Mini").
/// </summary>
public static partial class Predictor
{
    /// <summary>A synchronous function from an item to a price.</summary>
    public static IPricer FromPrice(Func<Item, double> predict, int concurrency = 1, [CallerArgumentExpression(nameof(predict))] string? name = null) =>
        new DelegatePricer(NameOf(name), concurrency, (item, _) => Task.FromResult(new PriceGuess(predict(item))));

    /// <summary>An asynchronous function from an item to a price (e.g. a network call).</summary>
    public static IPricer FromPriceAsync(Func<Item, CancellationToken, Task<double>> predict, int concurrency = 4, [CallerArgumentExpression(nameof(predict))] string? name = null) =>
        new DelegatePricer(NameOf(name), concurrency, async (item, ct) => new PriceGuess(await predict(item, ct).ConfigureAwait(false)));

    /// <summary>A synchronous function from an item to a model's text reply, parsed like the course.</summary>
    public static IPricer FromReply(Func<Item, string> reply, int concurrency = 1, [CallerArgumentExpression(nameof(reply))] string? name = null) =>
        new DelegatePricer(NameOf(name), concurrency, (item, _) => Task.FromResult(Parsed(reply(item))));

    /// <summary>An asynchronous function from an item to a model's text reply, parsed like the course.</summary>
    public static IPricer FromReplyAsync(Func<Item, CancellationToken, Task<string>> reply, int concurrency = 4, [CallerArgumentExpression(nameof(reply))] string? name = null) =>
        new DelegatePricer(NameOf(name), concurrency, async (item, ct) => Parsed(await reply(item, ct).ConfigureAwait(false)));

    private static PriceGuess Parsed(string reply) => new(PriceParser.Parse(reply), reply);

    // "gpt_4o_mini" or "Pricers.gpt_4o_mini" name the function; a lambda's source text does not, so it becomes "predictor".
    [GeneratedRegex(@"^(?:[A-Za-z_][A-Za-z0-9_]*\.)*(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex MemberName();

    private static string NameOf(string? expression) =>
        expression is not null && MemberName().Match(expression.Trim()) is { Success: true } m ? m.Groups["name"].Value : "predictor";

    private sealed class DelegatePricer(string name, int concurrency, Func<Item, CancellationToken, Task<PriceGuess>> predict) : IPricer
    {
        public string Name => name;
        public PricerDetails Details { get; } = new("function", null, new Dictionary<string, string>());
        public int RecommendedConcurrency => Math.Max(1, concurrency);
        public Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default) => predict(item, cancellationToken);
    }
}
