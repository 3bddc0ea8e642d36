using System.ComponentModel;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pricer.Cli.Commands;
using PricerLib.Agents;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Agents;

/// <summary>
/// <c>pricer deals serve</c>: the course's "The Price is Right" app as a local page (ASP.NET Core minimal APIs on
/// 127.0.0.1 only): the opportunities in memory, the agents' live log (polled), a run every N minutes and on demand,
/// a row's alert re-sent when it is selected, and the course's 3D map of the vector store by category (with --store).
/// </summary>
public sealed class DealsServeCommand : PricerKindCommand<DealsServeCommand.Settings>
{
    /// <summary>The shared options, the port and the schedule.</summary>
    public sealed class Settings : DealsSettings
    {
        [CommandOption("--port <N>")]
        [Description("Port on 127.0.0.1 (0 picks a free one).")]
        [DefaultValue(7860)]
        public int Port { get; init; } = 7860;

        [CommandOption("--every <MINUTES>")]
        [Description("Run the planner at start and every N minutes (the course: 5); 0: at start, then only on demand.")]
        [DefaultValue(5.0)]
        public double Every { get; init; } = 5;

        [CommandOption("--store <DIR>")]
        [Description("The vector store to map in 3D by category (`pricer vectors build`); default the pricer's --vectors when given.")]
        public string? Store { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (Port is < 0 or > 65535) return ValidationResult.Error("--port must be 0–65535.");
            if (Every < 0) return ValidationResult.Error("--every must be 0 or more minutes.");
            return base.Validate();
        }
    }

    /// <inheritdoc/>
    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (pricer, agentSettings) = await DealsCommandSupport.PrepareAsync(Registry, settings, ExtraOptions(context), cancellationToken);
        await using var owned = pricer;
        var console = CommandConsoles.Out();
        var log = new AgentLog();
        log.Logged += entry => AgentConsole.Write(console, entry);
        using var agents = new DealAgents(agentSettings, pricer, log);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
        await using var app = builder.Build();
        var store = settings.Store ?? ExtraOptions(context).GetValueOrDefault("vectors");
        // The map is drawn once, beside the first run: opening a large store takes a while and must not hold up the page.
        var mapPage = Task.Run(() => VectorStoreMap.Page(store, log), cancellationToken);
        DealsApp.Map(app, agents, mapPage, cancellationToken);
        await app.StartAsync(cancellationToken);
        console.Write(new Text($"The Price is Right: {app.Urls.First()}/ (Ctrl+C stops it)\n"));

        try
        {
            await DealsApp.ScheduleAsync(agents, settings.Every, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}

/// <summary>The app's endpoints and schedule.</summary>
internal static class DealsApp
{
    /// <summary>Runs the planner now and then every <paramref name="minutes"/> (never when 0) until cancelled.</summary>
    public static async Task ScheduleAsync(DealAgents agents, double minutes, CancellationToken cancellationToken)
    {
        await RunLoggedAsync(agents, cancellationToken);
        if (minutes <= 0)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(cancellationToken)) await RunLoggedAsync(agents, cancellationToken);
    }

    public static void Map(WebApplication app, DealAgents agents, Task<string> mapPage, CancellationToken stopping)
    {
        app.MapGet("/", () => Results.Content(DealsPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/map", async () => Results.Content(await mapPage, "text/html; charset=utf-8"));
        app.MapGet("/api/opportunities", () => Results.Json(new
        {
            running = agents.Framework.IsRunning,
            opportunities = agents.Framework.Memory.Select(OpportunityRow.Of),
        }));
        app.MapGet("/api/log", (long? since) =>
        {
            var (lines, next) = agents.Log.Since(since ?? 0);
            return Results.Json(new
            {
                next,
                lines = lines.Select(l => new { time = l.Time.ToString("yyyy-MM-dd HH:mm:ss zzz"), agent = l.Agent, colour = l.Colour.ToString().ToLowerInvariant(), message = l.Message, warning = l.IsWarning }),
            });
        });
        app.MapPost("/api/run", () =>
        {
            _ = RunLoggedAsync(agents, stopping); // the page follows it in the log; an overlapping run is refused there
            return Results.Accepted();
        });
        app.MapPost("/api/alert/{index:int}", async (int index, CancellationToken cancellationToken) =>
        {
            var memory = agents.Framework.Memory;
            if (index < 0 || index >= memory.Count) return Results.NotFound(new { error = $"There is no opportunity {index}." });
            var outcome = await agents.Messenger.AlertAsync(memory[index], cancellationToken);
            return Results.Json(new { outcome = outcome.ToString() });
        });
    }

    private static async Task RunLoggedAsync(DealAgents agents, CancellationToken cancellationToken)
    {
        try
        {
            await agents.Framework.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed run must not stop the app: it is logged and the next run is tried on schedule.
            agents.Log.Write("Agent Framework", AgentColour.Red, $"The run failed: {e.Message}", isWarning: true);
        }
    }
}
