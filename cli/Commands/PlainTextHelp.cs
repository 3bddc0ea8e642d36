using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Pricer.Cli.Commands;

/// <summary>
/// Spectre's help, with every command and option description shown as the text it is. Spectre renders descriptions
/// as markup, so a description such as "train[:200]" or "[.jsonl, .jsonl.gz]" made <c>--help</c> crash; escaping them
/// here, where help reads them, covers every verb (and every verb added later) without touching its descriptions.
/// </summary>
internal sealed class PlainTextHelp(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <inheritdoc/>
    public override IEnumerable<IRenderable> Write(ICommandModel model, ICommandInfo? command) =>
        base.Write(new EscapedModel(model, this), command is null ? null : Of(command));

    // One wrapper per command, so Spectre's identity checks (the current command among its parents) still hold.
    private readonly Dictionary<ICommandInfo, EscapedCommand> _wrappers = new(ReferenceEqualityComparer.Instance);

    private ICommandInfo Of(ICommandInfo command)
    {
        if (!_wrappers.TryGetValue(command, out var wrapper)) _wrappers[command] = wrapper = new EscapedCommand(command, this);
        return wrapper;
    }

    private sealed class EscapedModel(ICommandModel model, PlainTextHelp help) : ICommandModel
    {
        public string ApplicationName => model.ApplicationName;
        public string? ApplicationVersion => model.ApplicationVersion;
        public IReadOnlyList<string[]> Examples => model.Examples;
        public IReadOnlyList<ICommandInfo> Commands => model.Commands.Select(help.Of).ToList();
        public ICommandInfo? DefaultCommand => model.DefaultCommand is { } d ? help.Of(d) : null;
    }

    private sealed class EscapedCommand(ICommandInfo command, PlainTextHelp help) : ICommandInfo
    {
        public string Name => command.Name;
        public string? Description => Escaped(command.Description);
        public bool IsBranch => command.IsBranch;
        public bool IsDefaultCommand => command.IsDefaultCommand;
        public bool IsHidden => command.IsHidden;
        public IReadOnlyList<ICommandParameter> Parameters => command.Parameters.Select(EscapedParameter).ToList();
        public ICommandInfo? Parent => command.Parent is { } p ? help.Of(p) : null;
        public IReadOnlyList<string[]> Examples => command.Examples;
        public IReadOnlyList<ICommandInfo> Commands => command.Commands.Select(help.Of).ToList();
        public ICommandInfo? DefaultCommand => command.DefaultCommand is { } d ? help.Of(d) : null;
    }

    private static ICommandParameter EscapedParameter(ICommandParameter parameter) => parameter switch
    {
        ICommandOption option => new EscapedOption(option),
        ICommandArgument argument => new EscapedArgument(argument),
        _ => parameter,
    };

    private abstract class EscapedParameterBase(ICommandParameter parameter) : ICommandParameter
    {
        public bool IsFlag => parameter.IsFlag;
        public bool IsRequired => parameter.IsRequired;
        public string? Description => Escaped(parameter.Description);
        public DefaultValueAttribute? DefaultValue => parameter.DefaultValue;
        public bool IsHidden => parameter.IsHidden;
    }

    private sealed class EscapedOption(ICommandOption option) : EscapedParameterBase(option), ICommandOption
    {
        public IReadOnlyList<string> LongNames => option.LongNames;
        public IReadOnlyList<string> ShortNames => option.ShortNames;
        public string? ValueName => option.ValueName;
        public bool ValueIsOptional => option.ValueIsOptional;
    }

    private sealed class EscapedArgument(ICommandArgument argument) : EscapedParameterBase(argument), ICommandArgument
    {
        public string Value => argument.Value;
        public int Position => argument.Position;
    }

    private static string? Escaped(string? description) => description is null ? null : Markup.Escape(description);
}
