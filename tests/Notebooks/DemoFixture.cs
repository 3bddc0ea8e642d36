using PricerLib.Editions;
using PricerLib.Evaluation;
using PricerLib.Progression;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Notebooks;

/// <summary>
/// One run of the demo progression (the `pricer demo` job) in a temporary folder, shared by the demo's own tests and
/// the notebook tests: the results notebook then has the demo's runs to show, as a user's would after `pricer demo`.
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly TempDir _folder = new();
    private PricerLib.TestServer.OpenAiTestServer? _frontierServer;
    private readonly PricerLib.Tests.Agents.DealSite _dealSite = new();

    public string OutFolder => Path.Combine(_folder.Path, "out");
    public string ResultsFolder => Path.Combine(_folder.Path, "results");
    public DemoReport? Report { get; private set; }

    /// <summary>The preprocessor requests the test server has answered so far.</summary>
    public int SummaryRequests => _frontierServer!.Requests.Count(TestSummaries.IsRequest);
    public string? SkipReason { get; private set; }

    /// <summary>What the notebooks see: the same tokenizer, output folder and results store as the demo.</summary>
    public IReadOnlyDictionary<string, string> NotebookEnvironment => new Dictionary<string, string>
    {
        // Explicit, so a PRICER_EDITION in the caller's environment cannot change what this run tests.
        [WorkbookSettings.Variables.Edition] = CourseEditions.Default.Name(),
        ["PRICER_TOKENIZER"] = TokenizerPath!,
        ["PRICER_OUT"] = OutFolder,
        ["PRICER_RESULTS"] = ResultsFolder,
        // The frontier notebooks run every cell against the OpenAI-compatible test server, with their own response cache.
        [WorkbookSettings.Variables.FrontierUrl] = _frontierServer!.BaseUrl.AbsoluteUri,
        [WorkbookSettings.Variables.Cache] = Path.Combine(_folder.Path, "cache"),
        // Notebook 11 reads the local deal site's feed; the test server's scanner replies select all of its deals.
        [WorkbookSettings.Variables.DealFeeds] = _dealSite.Feed("electronics").AbsoluteUri,
        // Notebooks 06–07 run on the tiny Llama (their numbers are meaningless; they say so).
        ["PRICER_LLAMA_MODEL"] = Path.Combine(ProjectPaths.Shared ?? "", "models", "stories260K.gguf"),
    };

    /// <summary>
    /// The notebooks' environment in <paramref name="edition"/>: the 2025 edition writes its own outputs (its dataset
    /// has the 2025 schema) beside the 2024 ones and shares the results store, the tokenizer and the test server.
    /// </summary>
    public IReadOnlyDictionary<string, string> NotebookEnvironmentFor(CourseEdition edition) =>
        edition == CourseEditions.Default ? NotebookEnvironment : new Dictionary<string, string>(NotebookEnvironment)
        {
            [WorkbookSettings.Variables.Edition] = edition.Name(),
            ["PRICER_OUT"] = Path.Combine(_folder.Path, "out-" + edition.Name()),
        };

    private string? TokenizerPath =>
        ProjectPaths.Shared is { } shared ? Path.Combine(shared, "models", "llama3-tokenizer", "tokenizer.model") : null;

    public async Task InitializeAsync()
    {
        _frontierServer = await PricerLib.TestServer.OpenAiTestServer.StartAsync();
        // The 2025 notebooks ask it for their items' summaries, as a user asks a model with `pricer summarize`.
        _frontierServer.Responder = TestSummaries.Reply;
        _frontierServer.When(r => r.Json?["response_format"] is not null,
            PricerLib.TestServer.ServerReply.Text(_dealSite.SelectionJson(PricerLib.Tests.Agents.DealSite.Catalogue)));
        // Notebook 11's autonomous planner: the "model" calls the scan tool once, then answers in text (the default reply).
        _frontierServer.When(r => r.Json?["tools"] is not null, PricerLib.TestServer.ServerReply.Tool("scan_the_internet_for_bargains"), times: 1);
        if (TokenizerPath is null || !File.Exists(TokenizerPath))
        {
            SkipReason = "../shared/models/llama3-tokenizer is absent beside the checkout; skipping.";
            return;
        }
        var demo = new DemoProgression(Llama3Tokenizer.FromTiktokenFile(TokenizerPath), Path.Combine(OutFolder, "demo"),
            new ResultsStore(ResultsFolder), TextWriter.Null);
        Report = await demo.RunAsync();
    }

    public async Task DisposeAsync()
    {
        if (_frontierServer is not null) await _frontierServer.DisposeAsync();
        _dealSite.Dispose();
        _folder.Dispose();
    }
}
