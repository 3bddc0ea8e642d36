using System.ClientModel;
using OpenAI.Chat;
using PricerLib.Frontier;

namespace PricerLib.Agents;

/// <summary>What one scan found: the deals read, and the ones the model selected that passed the checks.</summary>
/// <param name="Scraped">New deals read from the feeds and pages.</param>
/// <param name="Selected">The model's selection, checked (offered URL, price above 0).</param>
/// <param name="Counts">What the fetch read and skipped.</param>
/// <param name="CostUsd">What the model call cost, where its price is known.</param>
public sealed record DealScan(IReadOnlyList<ScrapedDeal> Scraped, IReadOnlyList<Deal> Selected, DealFetchCounts Counts, double CostUsd);

/// <summary>
/// The course's Scanner Agent: reads the feeds for deals memory has not seen, and asks a chat model, through the OpenAI
/// SDK with structured outputs (a strict JSON schema of <c>DealSelection</c>), for the 5 with the clearest description
/// and price, with the course's prompts. A reply that breaks the schema, or names a URL that was not offered, is logged
/// and dropped; the run goes on.
/// </summary>
/// <param name="log">Where it logs.</param>
/// <param name="fetcher">Reads the feeds and pages.</param>
/// <param name="openAi">The OpenAI SDK's client for the chat model's endpoint.</param>
/// <param name="model">The chat model (the course's: <see cref="ScannerPrompts.Model"/>).</param>
/// <param name="prompts">The edition's prompts.</param>
/// <param name="prices">Prices per token, for the cost; default the workbook's table.</param>
public sealed class ScannerAgent(AgentLog log, DealFetcher fetcher, OpenAI.OpenAIClient openAi, string model, ScannerPrompts prompts, PriceTable? prices = null)
    : Agent(log)
{
    private readonly ChatClient _chat = openAi.GetChatClient(model);

    /// <inheritdoc/>
    public override string Name => "Scanner Agent";

    /// <inheritdoc/>
    public override AgentColour Colour => AgentColour.Cyan;

    /// <summary>Reads new deals and has the model select the best described.</summary>
    public async Task<DealScan> ScanAsync(IReadOnlyList<Opportunity> memory, CancellationToken cancellationToken = default)
    {
        Log("Scanner Agent is about to fetch deals from RSS feed");
        var counts = new DealFetchCounts();
        var seen = memory.Select(o => o.Deal.Url).ToHashSet(StringComparer.Ordinal);
        var scraped = await fetcher.FetchAsync(seen, counts, cancellationToken).ConfigureAwait(false);
        Log($"Scanner Agent received {scraped.Count} deals not already scraped");
        if (scraped.Count == 0) return new DealScan(scraped, [], counts, 0);

        Log("Scanner Agent is calling OpenAI using Structured Output");
        var (reply, cost) = await AskAsync(prompts.UserPrompt(scraped), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Deal> selected = [];
        if (reply is not null)
        {
            var offered = scraped.Select(d => d.Url).ToHashSet(StringComparer.Ordinal);
            try { selected = DealSelectionReader.Read(reply, offered, reason => Warn($"Scanner Agent dropped a deal: {reason}")); }
            catch (DealAgentException e) { Warn($"Scanner Agent got no selection: {e.Message}"); }
        }
        Log($"Scanner Agent received {selected.Count} selected deals with price>0 from OpenAI");
        return new DealScan(scraped, selected, counts, cost);
    }

    private async Task<(string? Reply, double Cost)> AskAsync(string userPrompt, CancellationToken cancellationToken)
    {
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("DealSelection", BinaryData.FromString(DealSelectionReader.Schema), jsonSchemaIsStrict: true),
        };
        try
        {
            var completion = (await _chat.CompleteChatAsync([new SystemChatMessage(prompts.System), new UserChatMessage(userPrompt)], options, cancellationToken)
                .ConfigureAwait(false)).Value;
            double cost = completion.Usage is { } usage ? (prices ?? PriceTable.Default).Cost(model, usage.InputTokenCount, usage.OutputTokenCount) ?? 0 : 0;
            if (completion.Refusal is { Length: > 0 } refusal)
            {
                Warn($"Scanner Agent: the model refused ({refusal})");
                return (null, cost);
            }
            return (completion.Content.Count > 0 ? completion.Content[0].Text : "", cost);
        }
        catch (ClientResultException e)
        {
            Warn($"Scanner Agent: the chat model answered {e.Status}; no selection this run");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ArgumentOutOfRangeException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            Warn($"Scanner Agent: the chat model could not be used ({e.GetType().Name}); no selection this run");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Warn("Scanner Agent: the chat model did not answer in time; no selection this run");
        }
        return (null, 0);
    }
}
