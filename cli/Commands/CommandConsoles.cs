using Spectre.Console;

namespace Pricer.Cli.Commands;

/// <summary>
/// Consoles bound to the process's current standard output and error at the moment a command runs (not when
/// <see cref="AnsiConsole.Console"/> was first touched), so redirected or captured output gets every line.
/// </summary>
internal static class CommandConsoles
{
    /// <summary>Standard output: results.</summary>
    public static IAnsiConsole Out() => Create(Console.Out);

    /// <summary>Standard error: progress, warnings, errors.</summary>
    public static IAnsiConsole Error() => Create(Console.Error);

    /// <summary>Prints an error on standard error and returns <paramref name="exitCode"/> (default: "nothing could be done").</summary>
    public static int Fail(string message, int exitCode = ExitCodes.Failure)
    {
        Error().MarkupLine($"[red]Error:[/] {Markup.Escape(message)}");
        return exitCode;
    }

    /// <summary>Prints a warning on standard error.</summary>
    public static void Warn(string message) => Error().MarkupLine($"[yellow]{Markup.Escape(message)}[/]");

    private static IAnsiConsole Create(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        // Redirected output has no width; Spectre would wrap at 80 and split the course's one-line-per-item format.
        if (!console.Profile.Out.IsTerminal) console.Profile.Width = 4096;
        return console;
    }
}
