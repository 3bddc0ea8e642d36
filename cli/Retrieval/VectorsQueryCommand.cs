using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Pricer.Cli.Commands;
using PricerLib.Retrieval;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Retrieval;

/// <summary><c>pricer vectors query --store DIR --text TEXT [--top 5] [--json]</c>: the nearest stored items, nearest first.</summary>
public sealed class VectorsQueryCommand : PricerCommand<VectorsQueryCommand.Settings>
{

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--store <DIR>")]
        [Description("A folder made by `pricer vectors build`.")]
        public string Store { get; init; } = "";

        [CommandOption("--text <TEXT>")]
        [Description("The document to find neighbours of (e.g. an item's title and description).")]
        public string? Text { get; init; }

        [CommandOption("-k|--top <N>")]
        [Description("How many neighbours (default 5, as the course's k).")]
        [DefaultValue(5)]
        public int K { get; init; } = 5;

        [CommandOption("--json")]
        [Description("Print the neighbours as a JSON array (camelCase keys).")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Store.Length == 0 || Text is null ? ValidationResult.Error("Give --store DIR and --text TEXT.")
            : K < 1 ? ValidationResult.Error($"--top must be at least 1, not {K}.")
            : base.Validate();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        int k = settings.K;
        var clock = Stopwatch.StartNew();
        var store = VectorStore.Open(settings.Store);
        double openSeconds = clock.Elapsed.TotalSeconds;
        if (k > store.Count)
            return Task.FromResult(CommandConsoles.Fail($"--top {k} is more than the store's {store.Count:N0} items."));
        clock.Restart();
        var query = store.Embedder.Embed(settings.Text!);
        double embedSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var neighbours = store.Nearest(query, k);
        double scanSeconds = clock.Elapsed.TotalSeconds;

        if (settings.Json) JsonOutput.Print(new { neighbours });
        else
        {
            var table = new Table().AddColumns("#", "distance", "price", "category", "title");
            foreach (var (n, rank) in neighbours.Select((n, i) => (n, i + 1)))
                table.AddTextRow(rank.ToString(CultureInfo.InvariantCulture), n.Distance.ToString("0.0000", CultureInfo.InvariantCulture),
                    n.Price.ToString("$0.00", CultureInfo.InvariantCulture), n.Category ?? "", n.Title);
            CommandConsoles.Out().Write(table);
        }
        CommandConsoles.Error().WriteLine($"{store.Count:N0} items; opened in {openSeconds:0.00} s; query embedded in {embedSeconds * 1000:0} ms, exact scan {scanSeconds * 1000:0.0} ms.");
        return Task.FromResult(ExitCodes.Success);
    }
}
