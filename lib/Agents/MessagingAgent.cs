using System.Globalization;
using System.Text.Json.Nodes;
using PricerLib.Frontier;

namespace PricerLib.Agents;

/// <summary>Where and how alerts go.</summary>
/// <param name="User">The Pushover user key (<c>PUSHOVER_USER</c>).</param>
/// <param name="Token">The Pushover application token (<c>PUSHOVER_TOKEN</c>).</param>
/// <param name="DryRun">Only log each alert; send nothing.</param>
public sealed record PushoverSettings(ApiKey User, ApiKey Token, bool DryRun = false)
{
    /// <summary>Pushover's HTTP API (the course's <c>api.pushover.net/1/messages.json</c>); tests point it at a local stand-in.</summary>
    public Uri Endpoint { get; init; } = new("https://api.pushover.net/1/messages.json");

    /// <summary>The keys from the environment, else the workbook's user-secrets store, as the course's <c>os.getenv</c>.</summary>
    /// <exception cref="FrontierException">The user-secrets file is damaged.</exception>
    public static PushoverSettings Find(bool dryRun, WorkbookSecrets? secrets = null) =>
        new(ApiKey.Find("PUSHOVER_USER", secrets), ApiKey.Find("PUSHOVER_TOKEN", secrets), dryRun);
}

/// <summary>How an alert went.</summary>
public enum AlertOutcome
{
    /// <summary>Pushover accepted it.</summary>
    Sent,
    /// <summary>Dry run: logged only.</summary>
    Logged,
    /// <summary>Not sent: no keys, or Pushover refused or could not be reached (the reason is logged).</summary>
    Failed,
}

/// <summary>
/// The course's Messaging Agent: a push notification through Pushover's HTTP API, in the course's words. The keys go
/// only into the form sent to Pushover; log lines name them, never show them, and any echo of them is redacted.
/// </summary>
public sealed class MessagingAgent(AgentLog log, HttpClient http, PushoverSettings settings) : Agent(log)
{
    /// <inheritdoc/>
    public override string Name => "Messaging Agent";

    /// <inheritdoc/>
    public override AgentColour Colour => AgentColour.White;

    /// <summary>The course's alert text: prices, the first 10 characters of the description, and the URL.</summary>
    public static string AlertText(Opportunity opportunity) => string.Create(CultureInfo.InvariantCulture,
        $"Deal Alert! Price=${opportunity.Deal.Price:F2}, Estimate=${opportunity.Estimate:F2}, Discount=${opportunity.Discount:F2} :" +
        $"{opportunity.Deal.ProductDescription[..Math.Min(10, opportunity.Deal.ProductDescription.Length)]}... {opportunity.Deal.Url}");

    /// <summary>Alerts the user about <paramref name="opportunity"/>.</summary>
    public Task<AlertOutcome> AlertAsync(Opportunity opportunity, CancellationToken cancellationToken = default) =>
        PushAsync(AlertText(opportunity), cancellationToken);

    /// <summary>Sends <paramref name="text"/> as a push notification (or, in a dry run, logs it).</summary>
    public async Task<AlertOutcome> PushAsync(string text, CancellationToken cancellationToken = default)
    {
        if (settings.DryRun)
        {
            Log($"Messaging Agent (dry run) would push: {text}");
            return AlertOutcome.Logged;
        }
        if (!settings.User.IsSet || !settings.Token.IsSet)
        {
            Warn($"Messaging Agent cannot push: {settings.User.Variable} and {settings.Token.Variable} must both be set (environment or user-secrets); the alert was: {text}");
            return AlertOutcome.Failed;
        }
        Log("Messaging Agent is sending a push notification");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = settings.Token.Value,
            ["user"] = settings.User.Value,
            ["message"] = text,
            ["sound"] = "cashregister",
        });
        try
        {
            using var response = await http.PostAsync(settings.Endpoint, form, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Log("Messaging Agent has completed");
                return AlertOutcome.Sent;
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            Warn($"Messaging Agent: Pushover answered {(int)response.StatusCode} ({Redact(Reason(body))}); the alert was not sent");
        }
        catch (HttpRequestException e)
        {
            Warn($"Messaging Agent: Pushover could not be reached ({Redact(e.Message)}); the alert was not sent");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Warn("Messaging Agent: Pushover did not answer in time; the alert was not sent");
        }
        return AlertOutcome.Failed;
    }

    /// <summary>Pushover's <c>errors</c> list where the body has one, else the start of the body.</summary>
    private static string Reason(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["errors"] is JsonArray errors) return string.Join("; ", errors.Select(e => e?.ToString()));
        }
        catch (System.Text.Json.JsonException) { }
        return body.Length > 200 ? body[..200] + "…" : body;
    }

    private string Redact(string text) => settings.Token.Redact(settings.User.Redact(text));
}
