using System.Collections;
using System.Reflection;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>A verb as typed (<c>bench local</c>) and the settings type Spectre binds its options to.</summary>
internal sealed record Verb(string Path, Type Settings)
{
    /// <summary>The settings property of option <paramref name="name"/> (<c>--size</c>, <c>-k</c>), if the verb has it.</summary>
    public PropertyInfo? Option(string name)
    {
        string bare = name.TrimStart('-');
        return Settings.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<CommandOptionAttribute>() is { } option
            && option.LongNames.Concat(option.ShortNames).Contains(bare, StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Every verb the app was configured with, read from the configurator Spectre.Console.Cli passed to <c>Configure</c>:
/// Spectre keeps its command tree internal (its configurator's <c>Commands</c>, each with <c>Name</c>,
/// <c>SettingsType</c> and <c>Children</c>), so it is read by reflection, once, when an error needs it.
/// </summary>
internal sealed class CommandTree(IConfigurator config)
{
    private IReadOnlyList<Verb>? verbs;

    /// <summary>All verbs, branches included (<c>bench</c>), with their full paths.</summary>
    public IReadOnlyList<Verb> Verbs => verbs ??= Walk(config, "Commands", "").ToList();

    /// <summary>The longest verb path that the words before the first option start with (<c>score x.csv</c>: <c>score</c>).</summary>
    public Verb? Of(IReadOnlyList<string> args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        for (int count = words.Count; count > 0; count--)
        {
            var path = string.Join(' ', words.Take(count));
            if (Verbs.FirstOrDefault(v => string.Equals(v.Path, path, StringComparison.OrdinalIgnoreCase)) is { } verb) return verb;
        }
        return null;
    }

    private static IEnumerable<Verb> Walk(object container, string listName, string prefix)
    {
        if (Read(container, listName) is not IEnumerable commands) yield break; // another Spectre version: no verbs, plain messages
        foreach (var command in commands)
        {
            if (Read(command, "Name") is not string name || Read(command, "SettingsType") is not Type settings) continue;
            var path = prefix + name;
            yield return new Verb(path, settings);
            foreach (var child in Walk(command, "Children", path + " ")) yield return child;
        }
    }

    private static object? Read(object target, string property) =>
        target.GetType().GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(target);
}
