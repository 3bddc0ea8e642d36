using System.ComponentModel;
using System.Diagnostics;
using Pricer.Cli.Commands;
using PricerLib.Retrieval;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Retrieval;

/// <summary>
/// <c>pricer vectors build --items FILE --out DIR</c>: embeds every item's document into a store folder. Ctrl-C keeps
/// the finished chunks; the same command resumes them.
/// </summary>
public sealed class VectorsBuildCommand : PricerCommand<VectorsBuildCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--items <FILE>")]
        [Description("Items file (JSONL) to store: the training items, for RAG.")]
        public string Items { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("The store folder (created; an unfinished build there of the same items and model is resumed).")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate() =>
            Items.Length == 0 || Out.Length == 0 ? ValidationResult.Error("Give --items FILE and --out DIR.") : base.Validate();
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var embedder = new SentenceEmbedder();
        var console = CommandConsoles.Error();
        var clock = Stopwatch.StartNew();
        StoreManifest manifest;
        try
        {
            manifest = EmbedProgress.Run(console, "embedding items", progress => VectorStoreBuilder.Build(settings.Items, settings.Out, embedder,
                new PricerLib.InlineProgress<StoreBuildProgress>(p => progress.Report((p.Done, p.Total))), cancellationToken));
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"Interrupted: the finished chunks stay in {settings.Out}; run the same command to resume.");
            throw;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        console.WriteLine($"{manifest.Count:N0} items ({manifest.Skipped:N0} skipped: empty document) in {seconds:0.0} s; " +
                          $"{manifest.Count * (long)SentenceEmbedder.Dimensions * 4 / 1e6:0.0} MB of vectors.");
        Console.Out.WriteLine(Path.GetFullPath(settings.Out));
        return Task.FromResult(ExitCodes.Success);
    }
}
