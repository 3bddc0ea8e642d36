using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Frontier;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Frontier;

/// <summary>
/// <c>pricer bench frontier --base-url URL</c>: wall time of pricing N items through the OpenAI SDK with 1, 8 and 16
/// requests in flight (cold cache each), then the 16-worker run again on its warm cache, with the requests each sent.
/// Meant for the test server (<c>dotnet run --project tests/TestServer -- --latency-ms 300-800</c>): it sends no key.
/// </summary>
public sealed class BenchFrontierCommand : PricerCommand<BenchFrontierCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--base-url <URL>")]
        [Description("The OpenAI-compatible endpoint, e.g. http://127.0.0.1:8199/v1/ (required).")]
        public string BaseUrl { get; init; } = "";

        [CommandOption("--model <ID>")]
        [Description("Model id sent (default test-model).")]
        public string Model { get; init; } = "test-model";

        [CommandOption("--items <N>")]
        [Description("Items priced per run (default 250, the course's test size).")]
        public int Items { get; init; } = Tester.DefaultSize;

        [CommandOption("--workers <LIST>")]
        [Description("Comma-separated worker counts (default 1,8,16).")]
        public string Workers { get; init; } = "1,8,16";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(BaseUrl) ? ValidationResult.Error("--base-url URL is required (start the test server first).")
            : Items < 1 ? ValidationResult.Error("--items must be at least 1.")
            : WorkerCounts(Workers) is null ? ValidationResult.Error("--workers takes whole numbers ≥ 1 separated by commas, e.g. 1,8,16.")
            : ValidationResult.Success();

        internal static int[]? WorkerCounts(string list)
        {
            var parts = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var counts = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
            return counts.Length > 0 && counts.All(n => n >= 1) ? counts : null;
        }
    }

    private sealed record Measurement(string Run, int Workers, double Seconds, int Requests, int CacheHits, int Failed);

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var provider = FrontierProvider.Resolve(null, settings.BaseUrl, null);
        var items = Enumerable.Range(1, settings.Items).Select(i => new Item
        {
            Title = $"Benchmark product {i}",
            Price = i,
            Prompt = $"{Item.Question}\n\nBenchmark product {i}\nA product made up for the benchmark.\n\n{Item.Prefix}{i}.00",
        }).ToList();
        var cacheRoot = Path.Combine(WorkbookSettings.Current.Out, "bench", "frontier-cache-" + Guid.NewGuid().ToString("N"));
        var runs = new List<Measurement>();
        try
        {
            string? lastCache = null;
            foreach (int workers in Settings.WorkerCounts(settings.Workers)!)
            {
                lastCache = Path.Combine(cacheRoot, workers.ToString(CultureInfo.InvariantCulture));
                runs.Add(await MeasureAsync($"cold, {workers} workers", workers, lastCache, provider, settings.Model, items, cancellationToken));
            }
            int warmWorkers = runs[^1].Workers;
            runs.Add(await MeasureAsync($"warm cache, {warmWorkers} workers", warmWorkers, lastCache!, provider, settings.Model, items, cancellationToken));
        }
        finally
        {
            if (Directory.Exists(cacheRoot)) Directory.Delete(cacheRoot, recursive: true);
        }

        var table = new Table().AddColumns("run", "workers", "wall s", "requests", "cache hits", "failed", "× vs first");
        foreach (var run in runs)
            table.AddTextRow(run.Run, $"{run.Workers}", $"{run.Seconds:0.00}", $"{run.Requests}", $"{run.CacheHits}", $"{run.Failed}", $"{runs[0].Seconds / run.Seconds:0.0}");
        var console = CommandConsoles.Out();
        console.MarkupLine(Markup.Escape($"{settings.Items} items, model {settings.Model} at {provider.BaseUrl}"));
        console.Write(table);
        return 0;
    }

    private static async Task<Measurement> MeasureAsync(string name, int workers, string cacheFolder, FrontierProvider provider, string model,
        IReadOnlyList<Item> items, CancellationToken cancellationToken)
    {
        await using var pricer = new FrontierPricer(new OpenAiChatBackend(new OpenAiConnection(provider.BaseUrl, provider.ReadKey())), model,
            new FrontierOptions { Cache = new ResponseCache(cacheFolder) });
        var clock = Stopwatch.StartNew();
        var report = await Tester.RunAsync(pricer, items, new TesterOptions { Size = items.Count, Workers = workers }, cancellationToken);
        return new Measurement(name, workers, clock.Elapsed.TotalSeconds, pricer.Requests, pricer.CacheHits, report.Items.Count(r => r.Failed));
    }
}
