using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;

namespace PricerLib.Tests.Evaluation;

public class TesterTests
{
    private sealed class RecordingReporter : ITestReporter
    {
        public List<int> Indexes { get; } = [];
        public TestReport? Report { get; private set; }
        public void ItemScored(ItemResult result, int total) => Indexes.Add(result.Index);
        public void Finished(TestReport report) => Report = report;
    }

    [Fact]
    public async Task Results_keep_item_order_with_several_workers_and_random_delays()
    {
        var items = TestItems.Priced(40);
        var delays = new Random(7);
        int inFlight = 0, maxInFlight = 0;
        var reporter = new RecordingReporter();
        var pricer = Predictor.FromPriceAsync(async (item, ct) =>
        {
            int now = Interlocked.Increment(ref inFlight);
            lock (delays) maxInFlight = Math.Max(maxInFlight, now);
            int delay;
            lock (delays) delay = delays.Next(0, 15);
            await Task.Delay(delay, ct);
            Interlocked.Decrement(ref inFlight);
            return item.Price + 1;
        }, concurrency: 6);

        var report = await Tester.RunAsync(pricer, items, new TesterOptions { Reporter = reporter });

        Assert.Equal(items.Select(i => i.Title), report.Items.Select(r => r.Title));
        Assert.All(report.Items, r => Assert.Equal(r.Truth + 1, r.Guess));
        Assert.Equal(Enumerable.Range(0, 40), reporter.Indexes);
        Assert.Same(report, reporter.Report);
        Assert.True(maxInFlight > 1, $"expected items priced concurrently, saw at most {maxInFlight} at once");
    }

    [Fact]
    public async Task A_throwing_predictor_fails_that_item_and_the_run_goes_on()
    {
        var items = TestItems.Priced(5);
        var pricer = Predictor.FromPrice(item => item.Title == "Item 3" ? throw new InvalidOperationException("model said nonsense") : item.Price);

        var report = await Tester.RunAsync(pricer, items);

        Assert.Equal(5, report.Items.Count);
        Assert.True(report.Items[2].Failed);
        Assert.Equal("InvalidOperationException: model said nonsense", report.Items[2].FailedReason);
        Assert.Equal(4, report.Metrics.Count);
        Assert.Equal(1, report.Metrics.Failed);
        Assert.Equal(0, report.Metrics.Error);
        Assert.Contains("1 of 5 items failed and are excluded from the metrics; the first: InvalidOperationException: model said nonsense", ReportText.FailureWarning(report));
        Assert.DoesNotContain(report.ScatterPoints(), p => p.Title == "Item 3");
    }

    [Fact]
    public async Task Size_takes_the_first_items_in_order()
    {
        var report = await Tester.RunAsync(Predictor.FromPrice(i => 1), TestItems.Priced(300));
        Assert.Equal(Tester.DefaultSize, report.Items.Count);
        Assert.Equal("Item 250", report.Items[^1].Title);

        var small = await Tester.RunAsync(Predictor.FromPrice(i => 1), TestItems.Priced(300), new TesterOptions { Size = 3 });
        Assert.Equal(["Item 1", "Item 2", "Item 3"], small.Items.Select(r => r.Title));

        var fewer = await Tester.RunAsync(Predictor.FromPrice(i => 1), TestItems.Priced(2));
        Assert.Equal(2, fewer.Items.Count);
    }

    private static double gpt_4o_mini(Item item) => item.Price;

    [Fact]
    public async Task Default_title_is_the_predictors_name_in_words()
    {
        var report = await Tester.RunAsync(Predictor.FromPrice(gpt_4o_mini), TestItems.Priced(2));
        Assert.Equal("Gpt 4O Mini", report.Title);
        var lambda = await Tester.RunAsync(Predictor.FromPrice(i => 3), TestItems.Priced(2));
        Assert.Equal("Predictor", lambda.Title);
        var titled = await Tester.RunAsync(Predictor.FromPrice(gpt_4o_mini), TestItems.Priced(2), new TesterOptions { Title = "Mine" });
        Assert.Equal("Mine", titled.Title);
    }

    [Fact]
    public async Task Text_replies_are_parsed_and_kept()
    {
        var report = await Tester.RunAsync(Predictor.FromReply(item => $"Price is ${item.Price + 0.5:0.00}."), TestItems.Priced(2));
        Assert.Equal(10.5, report.Items[0].Guess);
        Assert.Equal("Price is $10.50.", report.Items[0].Reply);
    }

    [Fact]
    public async Task Progress_counts_every_item()
    {
        var seen = new List<TestProgress>();
        var progress = new SynchronousProgress(seen);
        await Tester.RunAsync(Predictor.FromPrice(i => i.Price), TestItems.Priced(5), new TesterOptions { Progress = progress });
        Assert.Equal(5, seen.Count);
        Assert.Equal(new TestProgress(5, 0, 5), seen[^1]);
    }

    private sealed class SynchronousProgress(List<TestProgress> seen) : IProgress<TestProgress>
    {
        public void Report(TestProgress value) => seen.Add(value);
    }

    [Fact]
    public async Task Html_report_colours_each_line_and_escapes_titles()
    {
        var items = new List<Item> { TestItems.Make("<b>bold</b> & co", 100), TestItems.Make("far", 1000) };
        var report = await Tester.RunAsync(Predictor.FromPrice(i => 100), items);
        var html = HtmlTestReporter.Render(report);
        Assert.Contains("<div style=\"color:green\">1: Guess: $100.00 Truth: $100.00 Error: $0.00 SLE: 0.00 Item: &lt;b&gt;bold&lt;/b&gt; &amp; co</div>", html);
        Assert.Contains("<div style=\"color:red\">2: Guess: $100.00", html);
        Assert.Contains(WebUtilityEncode(report.ChartTitle), html);
    }

    private static string WebUtilityEncode(string text) => System.Net.WebUtility.HtmlEncode(text);

    [Fact]
    public async Task Console_reporter_writes_one_coloured_line_per_item()
    {
        var writer = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(writer),
            ColorSystem = Spectre.Console.ColorSystemSupport.TrueColor,
            Ansi = Spectre.Console.AnsiSupport.Yes,
        });
        console.Profile.Width = 1000;
        var report = await Tester.RunAsync(Predictor.FromPrice(i => i.Price * 2), TestItems.Priced(3), new TesterOptions { Reporter = new ConsoleTestReporter(console) });
        var text = writer.ToString();
        Assert.Contains("1: Guess: $20.00 Truth: $10.00 Error: $10.00 SLE: ", text);
        Assert.Contains("\u001b[", text); // coloured
        Assert.Contains(report.ChartTitle, text);
    }
}
