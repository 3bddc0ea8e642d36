using System.ComponentModel;
using Pricer.Cli.Commands;
using PricerLib;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Frontier;
using PricerLib.Frontier.Batch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Editions;

/// <summary>
/// <c>pricer summarize --items IN --out OUT [--model M] [--provider P | --base-url URL] [--api-key-env NAME]</c>: the
/// 2025 course's preprocessor. Writes each item's summary with the course's prompt and rebuilds its 2025 prompt;
/// the cost estimate goes to stderr before anything is sent. Resumable: items already summarized in IN, or in an
/// existing OUT of the same items, are kept, and every answer is cached. Skipped items (no full text, an empty or
/// refused reply, a failure, the budget) are counted with their reasons and written to OUT without a summary.
/// <c>--batch</c> sends them as one OpenAI-compatible Batch instead (<see cref="BatchItemSummarizer"/>).
/// </summary>
public sealed class SummarizeCommand : PricerCommand<SummarizeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--items <FILE>")]
        [Description("Items with their full text (2025 items JSONL, e.g. from the 2025 parser).")]
        public string Items { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("Where the summarized items go (2025 items JSONL); an existing file of the same items is resumed.")]
        public string Out { get; init; } = "";

        [CommandOption("--model <ID>")]
        [Description("The chat model (default the course's openai/gpt-oss-20b).")]
        public string Model { get; init; } = SummaryPrompt.DefaultModel;

        [CommandOption("--reasoning-effort <LEVEL>")]
        [Description("Sent as reasoning_effort (default the course's low; unset: not sent).")]
        public string ReasoningEffort { get; init; } = SummaryPrompt.DefaultReasoningEffort;

        [CommandOption("--provider <NAME>")]
        [Description("A preset endpoint and key variable, as for evaluate (default openai).")]
        public string? Provider { get; init; }

        [CommandOption("--base-url <URL>")]
        [Description("Any OpenAI-compatible endpoint, e.g. Groq's (no key is sent unless --api-key-env names one).")]
        public string? BaseUrl { get; init; }

        [CommandOption("--api-key-env <NAME>")]
        [Description("The environment variable holding the key (default: the provider's).")]
        public string? ApiKeyEnv { get; init; }

        [CommandOption("--workers <N>")]
        [Description("Requests in flight at once (default 8).")]
        public int Workers { get; init; } = 8;

        [CommandOption("--max-requests <N>")]
        [Description("Send at most N requests; the rest are skipped, and a re-run continues.")]
        public int? MaxRequests { get; init; }

        [CommandOption("--max-cost <USD>")]
        [Description("Spend at most this many dollars (by the price table).")]
        public double? MaxCost { get; init; }

        [CommandOption("--confirm-above <USD>")]
        [Description("Send nothing when the estimate is above this (default 1; unknown costs need --yes too).")]
        public double ConfirmAbove { get; init; } = 1;

        [CommandOption("--yes")]
        [Description("Send whatever the estimate.")]
        public bool Yes { get; init; }

        [CommandOption("--no-cache")]
        [Description("Neither read nor write the response cache.")]
        public bool NoCache { get; init; }

        [CommandOption("--batch")]
        [Description("Send the missing summaries as one OpenAI-compatible Batch (as the course did on Groq), at the batch price; a re-run picks a running batch up again.")]
        public bool Batch { get; init; }

        [CommandOption("--poll <SECONDS>")]
        [Description("With --batch: seconds between status checks (default 30).")]
        public double Poll { get; init; } = 30;

        [CommandOption("--price-table <FILE>")]
        [Description("Prices per million tokens (JSON, the embedded table's shape).")]
        public string? PriceTable { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Items) ? ValidationResult.Error("--items FILE is required.")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out FILE is required.")
            : Workers is < 1 or > 256 ? ValidationResult.Error("--workers takes 1 to 256.")
            : Poll is < 0.01 or > 3600 ? ValidationResult.Error("--poll takes 0.01 to 3600 seconds.")
            : ValidationResult.Success();
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var items = ItemFiles.Load(settings.Items);
        var error = CommandConsoles.Error();
        if (File.Exists(settings.Out))
        {
            (items, int carried) = ItemSummarizer.CarryOver(items, ItemFiles.Load(settings.Out));
            if (carried > 0) error.WriteLine($"Resuming: {carried:N0} summaries kept from {settings.Out}");
        }
        var provider = FrontierProvider.Resolve(settings.Provider, settings.BaseUrl, settings.ApiKeyEnv);
        var options = SummaryPrompt.Options(settings.NoCache ? null : new ResponseCache(Path.Combine(WorkbookSettings.Current.Cache, FrontierPricers.CacheFolderName))) with
        {
            ReasoningEffort = settings.ReasoningEffort == FrontierDefaults.Unset ? null : settings.ReasoningEffort,
            Budget = new RunBudget(settings.MaxRequests, settings.MaxCost),
            Prices = settings.PriceTable is { } table ? PriceTable.Load(table) : PriceTable.Default,
            ConfirmAboveUsd = provider.IsLocal ? null : settings.ConfirmAbove,
            Confirmed = settings.Yes,
            Log = Console.Error,
        };
        var connection = new OpenAiConnection(provider.BaseUrl, provider.ReadKey());
        var outcome = settings.Batch
            ? await new BatchItemSummarizer(connection, settings.Model, options, Path.Combine(WorkbookSettings.Current.Cache, OpenAiBatchPricer.RecordFolderName),
                TimeSpan.FromSeconds(settings.Poll)).SummarizeAsync(items, cancellationToken)
            : await new ItemSummarizer(new OpenAiChatBackend(connection), settings.Model, options, settings.Workers).SummarizeAsync(items, cancellationToken);
        ItemStore.Save(outcome.Items, settings.Out);

        error.WriteLine($"{outcome.Written:N0} summaries written, {outcome.FromCache:N0} from the cache, {outcome.Kept:N0} kept, {outcome.Skipped.Count:N0} skipped" +
            (outcome.CostUsd is { } cost ? $"; cost ${cost:0.0000}" : ""));
        foreach (var group in outcome.Skipped.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()))
            CommandConsoles.Warn($"{group.Count():N0} skipped: {group.Key} (first: #{group.First().Index} {group.First().Title})");
        if (outcome.StoppedBy is { } why) CommandConsoles.Warn($"Stopped early: {why}. What is done is in {settings.Out}; run again to continue.");
        Console.Out.WriteLine(settings.Out);
        return outcome.Skipped.Count == 0 ? 0 : ExitCodes.Failure;
    }
}
