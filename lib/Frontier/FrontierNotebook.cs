using Plotly.NET;
using Plotly.NET.CSharp;
using PricerLib.Charts;
using PricerLib.Data;
using PricerLib.Evaluation;
using PricerLib.Pricers;

namespace PricerLib.Frontier;

/// <summary>Where the notebooks' frontier cells send their requests, and why (or why they are skipped).</summary>
/// <param name="Options">The <c>frontier</c> kind's options for <c>Workbook.EvaluateAsync</c>; null: skip the paid cells.</param>
/// <param name="Explanation">One paragraph for the reader.</param>
public sealed record FrontierEndpoint(IReadOnlyDictionary<string, string?>? Options, string Explanation)
{
    /// <summary>True when the frontier cells can run.</summary>
    public bool Available => Options is not null;

    /// <summary>True when requests go to OpenAI and cost money.</summary>
    public bool Paid { get; init; }
}

/// <summary>The notebooks' side of the frontier family: choosing the endpoint, and the price chart.</summary>
public static class FrontierNotebook
{
    /// <summary>
    /// Where <paramref name="provider"/>'s cells send requests: <see cref="WorkbookSettings.FrontierUrl"/> when set (no key
    /// sent; for <c>anthropic</c>, that server's Messages API), else the provider itself when its key is set (in the
    /// environment or the workbook's user-secrets), else nothing, with how to set a key. Only whether the key is set is
    /// looked at; its value is never shown.
    /// </summary>
    public static FrontierEndpoint Choose(WorkbookSettings settings, string provider = "openai")
    {
        var preset = FrontierProvider.Presets[provider];
        if (settings.FrontierUrl is { } url)
        {
            var options = new Dictionary<string, string?> { ["base-url"] = url };
            if (preset.Api == FrontierApi.Anthropic) options["api"] = "anthropic";
            return new(options, $"{preset.Name} cells use the endpoint {url} ({WorkbookSettings.Variables.FrontierUrl}) instead of {preset.Name}: " +
                "its answers are that server's, not the model's, and cost nothing.");
        }
        var key = ApiKey.Find(preset.KeyVariable!);
        if (key.IsSet)
            return new(new Dictionary<string, string?> { ["provider"] = preset.Name }, $"{preset.Name} cells call {preset.Name} with the key in " +
                $"{key} ({key.Status}; not shown). Answers are cached under the cache folder, so re-running costs nothing.") { Paid = true };
        return new(null, $"No {preset.KeyVariable} is set, so the paid {preset.Name} cells are skipped. Set it in the environment of the shell that " +
            $"starts VS Code, or once in the workbook's .NET user-secrets (dotnet user-secrets set --id {WorkbookSecrets.UserSecretsId}; " +
            $"see notebooks/00-settings.dib), or point {WorkbookSettings.Variables.FrontierUrl} at a local server (Ollama, vLLM, LM Studio).");
    }

    /// <summary>
    /// Evaluates any <c>Microsoft.Extensions.AI</c> chat client the way <c>Workbook.EvaluateAsync</c> evaluates a spec —
    /// the course's messages, the Tester with 8 items in flight, answers cached under the settings' cache folder by
    /// <paramref name="name"/> — and stores the run under <paramref name="name"/>. The client stays the caller's.
    /// </summary>
    public static async Task<RunRecord> EvaluateChatClientAsync(Microsoft.Extensions.AI.IChatClient client, string name, IReadOnlyList<Item> test,
        WorkbookSettings settings, int size = Tester.DefaultSize)
    {
        var options = new FrontierOptions { Cache = new ResponseCache(Path.Combine(settings.Cache, FrontierPricers.CacheFolderName)) };
        await using var pricer = FrontierPricer.FromChatClient(client, name, options);
        var prepared = new PreparedPricer(pricer, "chat-client:" + name, new Dictionary<string, string>(), null);
        var run = await PricerEvaluation.RunAsync(prepared, new EvaluationRequest(prepared.Spec, name, Size: size), test).ConfigureAwait(false);
        new ResultsStore(settings.Results).Save(run);
        return run;
    }

    /// <summary>What pricing <paramref name="items"/> would cost on each model of the price table, as bars.</summary>
    public static GenericChart CostChart(IReadOnlyList<Item> items, PriceTable? prices = null)
    {
        prices ??= PriceTable.Default;
        var models = prices.Models.Keys.Where(m => !m.StartsWith("ft:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        var costs = models.Select(m => CostEstimate.For(items, m, new FrontierOptions { Prices = prices }).CostUsd ?? 0).ToArray();
        return Plotly.NET.CSharp.Chart.Column<double, string, string>(costs, Keys: models,
                MultiText: costs.Select(c => $"${c:0.000}").ToArray(), TextPosition: StyleParam.TextPosition.Outside, ShowLegend: false)
            .Framed($"Estimated cost of {items.Count} requests (prices of {prices.Date})", "Model", "US dollars", 800, 500);
    }
}
