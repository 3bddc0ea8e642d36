using Pricer.Cli;
using Pricer.Cli.Commands;
using Spectre.Console.Cli;

// Each pricer family adds its verbs and benchmarks with one line here.
ICliFamily[] families =
[
    new Pricer.Cli.Classical.ClassicalCli(),
    new Pricer.Cli.Frontier.FrontierCli(),
    new Pricer.Cli.Local.LocalCli(),
    new Pricer.Cli.Agents.DealsCli(),
    new Pricer.Cli.Retrieval.RetrievalCli(),
    new Pricer.Cli.Editions.EditionsCli(),
];

using var interruption = new Interruption();
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("pricer");
    config.SetExceptionHandler(new CliErrors(args, new CommandTree(config)).Handle);
    config.SetHelpProvider(new PlainTextHelp(config.Settings));
    config.AddCommand<CurateCommand>("curate")
        .WithDescription("Raw Amazon metadata files (.jsonl, .jsonl.gz) → curated items JSONL.");
    config.AddCommand<DownloadCommand>("download")
        .WithDescription("Download a category's raw Amazon Reviews 2023 metadata into the cache folder.");
    config.AddCommand<DownloadTokenizerCommand>("download-tokenizer")
        .WithDescription("Download Meta's Llama 3 tokenizer.model (public, no login; Llama 3 Community License) into the cache folder.");
    config.AddCommand<BuildDatasetCommand>("build-dataset")
        .WithDescription("Items → balanced sample → shuffled train/test splits.");
    config.AddCommand<CountTokensCommand>("count-tokens")
        .WithDescription("Print the token count of a string field of every JSONL line, one integer per line.");
    config.AddCommand<NotebooksCommand>("notebooks")
        .WithDescription("Execute every notebook headless; write executed notebooks and charts under out/.");
    config.AddCommand<DemoCommand>("demo")
        .WithDescription("The whole progression so far on the synthetic demo catalogue; ends with the report folder.");
    config.AddCommand<ScoreCommand>("score")
        .WithDescription("Score a CSV/JSONL file of truths and guesses the course's way.");
    config.AddCommand<PricersCommand>("pricers")
        .WithDescription("List the pricer kinds, or one kind's options with their defaults.");
    config.AddCommand<TrainCommand>("train")
        .WithDescription("Train a pricer kind that trains and save the model (for evaluate --trained).");
    config.AddCommand<EvaluateCommand>("evaluate")
        .WithDescription("Make the pricer (train it, or load --trained), evaluate with the Tester, store the run.");
    config.AddCommand<LeaderboardCommand>("leaderboard")
        .WithDescription("All stored runs and the course's figures as a chart.");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Benchmarks: curate, and each pricer family's.");
        bench.AddCommand<BenchCurateCommand>("curate")
            .WithDescription("Curation throughput on a large generated input, one core and all cores.");
        foreach (var family in families) family.AddBenchCommands(bench);
    });
    foreach (var family in families) family.AddCommands(config);
});
return interruption.ExitCode(await app.RunAsync(args, interruption.Token));
