using System.Runtime.CompilerServices;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Pricers;

public class BatchPricerTests
{
    /// <summary>
    /// Prices in reverse order and yields a failure for every third item; stops early after <c>stopAfter</c> results
    /// (skipping the rest) or throws there when <c>throwAtEnd</c>. Records what it was asked for and whether it was disposed.
    /// </summary>
    private sealed class ReversingBatchPricer(int? stopAfter = null, bool throwAtEnd = false) : IBatchPricer
    {
        public int? MaxInFlightSeen { get; private set; }
        public int SingleCalls { get; private set; }
        public bool Disposed { get; private set; }
        public string Name => "reversing";
        public PricerDetails Details { get; } = new("reversing", null, new Dictionary<string, string>());
        public int RecommendedConcurrency => 6;

        public Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
        {
            SingleCalls++;
            return Task.FromResult(new PriceGuess(item.Price));
        }

        public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            MaxInFlightSeen = maxInFlight;
            int yielded = 0;
            for (int index = items.Count - 1; index >= 0; index--)
            {
                if (yielded == stopAfter)
                {
                    if (throwAtEnd) throw new InvalidOperationException("the server went away");
                    yield break;
                }
                await Task.Yield();
                yielded++;
                yield return index % 3 == 2
                    ? PricedItem.Failed(index, "no number in the reply", 0.5)
                    : PricedItem.Priced(index, new PriceGuess(items[index].Price + 1, Reply: $"{items[index].Price + 1}"), 0.25);
            }
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Collecting : ITestReporter
    {
        public List<int> Indexes { get; } = [];
        public void ItemScored(ItemResult result, int total) => Indexes.Add(result.Index);
        public void Finished(TestReport report) { }
    }

    [Fact]
    public async Task The_tester_uses_the_batch_path_and_keeps_item_order_and_per_item_failures()
    {
        var pricer = new ReversingBatchPricer();
        var reporter = new Collecting();
        var report = await Tester.RunAsync(pricer, TestItems.Priced(10), new TesterOptions { Size = 9, Reporter = reporter });

        Assert.Equal(0, pricer.SingleCalls);
        Assert.Equal(6, pricer.MaxInFlightSeen); // the pricer's recommendation when --workers is not given
        Assert.Equal(Enumerable.Range(0, 9), reporter.Indexes);
        Assert.Equal(Enumerable.Range(0, 9), report.Items.Select(i => i.Index));
        Assert.Equal([2, 5, 8], report.Items.Where(i => i.Failed).Select(i => i.Index));
        Assert.Equal("no number in the reply", report.Items[2].FailedReason);
        Assert.Equal(11, report.Items[0].Guess);
        Assert.Equal("11", report.Items[0].Reply);
        Assert.Equal(6, report.Metrics.Count);
    }

    [Fact]
    public async Task Workers_are_handed_to_the_batch_pricer_as_its_limit()
    {
        var pricer = new ReversingBatchPricer();
        await Tester.RunAsync(pricer, TestItems.Priced(4), new TesterOptions { Workers = 2 });
        Assert.Equal(2, pricer.MaxInFlightSeen);
    }

    [Theory]
    [InlineData(false, "returned no result")]
    [InlineData(true, "the server went away")]
    public async Task Items_a_batch_never_returns_are_failed_not_lost(bool throwAtEnd, string reason)
    {
        var report = await Tester.RunAsync(new ReversingBatchPricer(stopAfter: 4, throwAtEnd), TestItems.Priced(10), new TesterOptions());

        Assert.Equal(10, report.Items.Count);
        Assert.All(report.Items.Take(6), i => { Assert.True(i.Failed); Assert.Contains(reason, i.FailedReason); });
        Assert.Equal([6, 7, 9], report.Items.Where(i => !i.Failed).Select(i => i.Index)); // 8 failed in the batch itself
    }

    [Fact]
    public async Task An_evaluation_disposes_the_pricer_it_made()
    {
        var made = new List<ReversingBatchPricer>();
        var registry = new PricerRegistry().Register(new PricerRegistration("reversing", "reversing", "test kind")
        {
            Create = (_, _) => { var p = new ReversingBatchPricer(); made.Add(p); return ValueTask.FromResult<IPricer>(p); },
        });

        var run = await PricerEvaluation.RunAsync(registry, new EvaluationRequest("reversing"), null, TestItems.Priced(5));

        Assert.True(Assert.Single(made).Disposed);
        Assert.Equal(5, run.Items.Count);
        Assert.Equal(6, run.Settings.Workers);
    }
}
