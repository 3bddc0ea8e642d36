using System.ComponentModel;
using PricerLib.Pricers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary><c>pricer pricers [KIND]</c>: the pricer kinds, or one kind's options with their defaults.</summary>
public sealed class PricersCommand : PricerCommand<PricersCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[KIND]")]
        [Description("Show this kind's options.")]
        public string? Kind { get; init; }
    }

    protected override Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var registry = WorkbookPricers.Create();
        var console = CommandConsoles.Out();
        if (settings.Kind is null)
        {
            var table = new Table().AddColumns("kind", "spec", "trains", "options", "what it is");
            foreach (var r in registry.Registrations)
                table.AddTextRow(r.Kind, r.Usage, r.Trains ? "yes" : "", $"{r.Options.Count}", r.Description);
            console.Write(table);
            return Task.FromResult(0);
        }

        var registration = registry.Find(settings.Kind)
            ?? throw new PricerUnavailableException($"Unknown pricer kind '{settings.Kind}'. Known: {string.Join(", ", registry.Registrations.Select(r => r.Kind))}.");
        console.MarkupLine($"[bold]{Markup.Escape(registration.Usage)}[/] — {Markup.Escape(registration.Description)}");
        console.MarkupLine(registration.Trains
            ? $"Trains: pricer evaluate --pricer {Markup.Escape(registration.Usage)} --train FILE --test FILE, or pricer train … --model-out DIR then evaluate --trained DIR."
            : $"pricer evaluate --pricer {Markup.Escape(registration.Usage)} --test FILE");
        if (registration.Options.Count == 0)
        {
            console.WriteLine("No options.");
            return Task.FromResult(0);
        }
        var options = new Table().AddColumns("option", "default", "what it does");
        foreach (var o in registration.Options)
            options.AddTextRow(o.Usage, o.Default ?? "", o.Help);
        console.Write(options);
        return Task.FromResult(0);
    }
}
