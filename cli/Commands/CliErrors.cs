using System.Reflection;
using PricerLib;
using PricerLib.Pricers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// What every failure that leaves a verb looks like: one "Error:" line on standard error (never standard output, so
/// <c>--json</c> output stays clean), exit code 2 for a wrong command line and 1 for everything else. Spectre's own
/// parse and validation errors come here too (through <c>SetExceptionHandler</c>) instead of its default rendering
/// on standard output with exit code 255.
/// </summary>
internal sealed class CliErrors(IReadOnlyList<string> args, CommandTree tree)
{
    /// <summary>The handler for <c>config.SetExceptionHandler</c>.</summary>
    public int Handle(Exception exception, ITypeResolver? resolver) => exception switch
    {
        OperationCanceledException => Interrupted(),
        CommandConfigurationException => Bug(exception),
        CommandAppException app => UnknownOptionFirst()
            ?? CommandConsoles.Fail($"{Readable(exception.Message)}{Suggestion(app)} See `pricer {Verb(exception)}--help`.", ExitCodes.Usage),
        PricerException pricer => CommandConsoles.Fail(pricer.Message, ExitCodes.For(pricer)),
        ArgumentException argument => CommandConsoles.Fail(WithoutParameterName(argument)),
        IOException or UnauthorizedAccessException => CommandConsoles.Fail(exception.Message),
        _ => Bug(exception),
    };

    /// <summary>The message of an <see cref="ArgumentException"/> without .NET's " (Parameter 'x')" tail.</summary>
    public static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static int Interrupted()
    {
        CommandConsoles.Error().MarkupLine("[yellow]Interrupted: stopped, and removed what was half written.[/]");
        return ExitCodes.Interrupted;
    }

    // A bug, not bad input: say so, and keep what is needed to fix it.
    private static int Bug(Exception exception)
    {
        CommandConsoles.Fail($"unexpected {exception.GetType().Name}: {exception.Message} (a bug in pricer; the details follow)");
        Console.Error.WriteLine(exception); // with inner exceptions: an AggregateException's stack alone names only Parallel.For
        return ExitCodes.Failure;
    }

    /// <summary>
    /// Spectre fails on a missing argument or value before the verb can look at its options, and takes the word after
    /// an unknown option as that option's value (<c>score --jsn FILE</c>: "missing argument FILE"). An option no verb
    /// and no pricer kind knows is the real mistake, so it is reported first.
    /// </summary>
    private int? UnknownOptionFirst()
    {
        var known = KnownOptionNames();
        foreach (var arg in args)
        {
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2) continue;
            var name = arg[2..].Split('=', 2)[0];
            if (!known.Contains(name)) return CommandConsoles.Fail(UnknownOption.Message(name, known), ExitCodes.Usage);
        }
        return null;
    }

    private static HashSet<string> KnownOptionNames()
    {
        var names = typeof(CliErrors).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CommandSettings)))
            .SelectMany(t => t.GetProperties()).Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>().SelectMany(a => a.LongNames)
            .Concat(PricerOptionsSupport.AllKindOptions(WorkbookPricers.Create()))
            .Append("help").Append("version");
        return names.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    // The branch the words before the unknown one name ("bench locl": see `pricer bench --help`), or the verb's full path.
    private string Verb(Exception e)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        if (!e.Message.StartsWith("Unknown command", StringComparison.Ordinal))
            return tree.Of(args) is { } verb ? verb.Path + " " : words.Count > 0 ? words[0] + " " : "";
        return words.Count > 1 ? string.Join(' ', words[..^1]) + " " : "";
    }

    /// <summary>
    /// " Did you mean 'evaluate'?" for an unknown verb: Spectre finds the nearest command in its own model (so verbs
    /// added later are found too) but puts it only in its rich rendering, which is read back here as plain text.
    /// </summary>
    private static string Suggestion(CommandAppException e)
    {
        if (e.Pretty is null) return "";
        var text = new StringWriter();
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors })
            .Write(e.Pretty);
        return System.Text.RegularExpressions.Regex.Match(text.ToString(), "Did you mean '([^']+)'") is { Success: true } m
            ? $" Did you mean '{m.Groups[1].Value}'?" : "";
    }

    /// <summary>
    /// Spectre names .NET types in conversion errors ("Failed to convert 'abc' to Nullable`1."): say what the option
    /// takes instead, read from the type of its property in the verb's settings, as the kinds' options say it
    /// ("--size takes a whole number, not 'abc'.").
    /// </summary>
    private string Readable(string message)
    {
        // Spectre takes no one-letter long option (`--k`), and names none in its message.
        if (message.StartsWith("Invalid long option name", StringComparison.Ordinal)
            && args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a.Split('=', 2)[0].Length == 3) is { } oneLetter)
            return $"{oneLetter.Split('=', 2)[0]} is not an option: a one-letter option takes one dash ({oneLetter[1..].Split('=', 2)[0]}).";
        var failed = System.Text.RegularExpressions.Regex.Match(message, "^Failed to convert '(?<value>.*?)' to [^ ]+?\\.");
        if (!failed.Success || tree.Of(args) is not { } verb) return message;
        string value = failed.Groups["value"].Value;
        foreach (var (option, given) in OptionValues())
            if (given == value && verb.Option(option)?.PropertyType is { } type && Takes(type) is { } takes)
                return $"{option} takes {takes}, not '{value}'.";
        return message;
    }

    // Each option on the command line with the word that follows it (or its "=value").
    private IEnumerable<(string Option, string Value)> OptionValues()
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith('-')) continue;
            var parts = args[i].Split('=', 2);
            if (parts.Length == 2) yield return (parts[0], parts[1]);
            else if (i + 1 < args.Count) yield return (args[i], args[i + 1]);
        }
    }

    // What a value of an option's type is, in words; null for types without a plain description.
    private static string? Takes(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            _ => null,
        };
    }
}

/// <summary>"Unknown option --x. Did you mean --y?" with the nearest known name, when one is close.</summary>
internal static class UnknownOption
{
    public static string Message(string given, IEnumerable<string> known)
    {
        var nearest = known.Distinct(StringComparer.OrdinalIgnoreCase).MinBy(k => EditDistance.Between(given, k));
        bool close = nearest is not null && EditDistance.Between(given, nearest) <= Math.Max(2, given.Length / 3);
        return $"Unknown option --{given}." + (close ? $" Did you mean --{nearest}?" : "");
    }
}
