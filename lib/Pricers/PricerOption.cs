using System.Globalization;

namespace PricerLib.Pricers;

/// <summary>The type of a pricer option's value.</summary>
public enum PricerOptionType
{
    /// <summary>Any text (a URL, a path, a variable name).</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A number.</summary>
    Number,
    /// <summary>On when given, with no value.</summary>
    Flag,
    /// <summary>One of a fixed list of words.</summary>
    Choice,
}

/// <summary>
/// One setting a pricer kind takes, declared by the kind (not read from flags or the environment by the pricer):
/// <c>pricer evaluate</c> and <c>pricer train</c> accept it as <c>--NAME VALUE</c> for that kind only, and
/// <c>pricer pricers KIND</c> lists it with its default and help.
/// </summary>
/// <param name="Name">The flag without dashes, e.g. <c>base-url</c>.</param>
/// <param name="Type">The value's type.</param>
/// <param name="Help">One line for humans.</param>
public sealed record PricerOption(string Name, PricerOptionType Type, string Help)
{
    /// <summary>The value used when the option is not given, as text; null: none.</summary>
    public string? Default { get; init; }

    /// <summary>
    /// False for an option that changes how the pricer runs but not its guesses (threads, retries, a cost limit):
    /// default run names leave it out, so runs that differ only in it share a name.
    /// </summary>
    public bool ChangesGuesses { get; init; } = true;

    /// <summary>This option, marked as one that does not change the guesses (<see cref="ChangesGuesses"/>).</summary>
    public PricerOption HowItRuns() => this with { ChangesGuesses = false };

    /// <summary>The allowed words of a <see cref="PricerOptionType.Choice"/>.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Text.</summary>
    public static PricerOption Text(string name, string help, string? @default = null) => new(name, PricerOptionType.Text, help) { Default = @default };

    /// <summary>A whole number.</summary>
    public static PricerOption Integer(string name, string help, int? @default = null) =>
        new(name, PricerOptionType.Integer, help) { Default = @default?.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A number.</summary>
    public static PricerOption Number(string name, string help, double? @default = null) =>
        new(name, PricerOptionType.Number, help) { Default = @default?.ToString("R", CultureInfo.InvariantCulture) };

    /// <summary>A flag, off unless given.</summary>
    public static PricerOption Flag(string name, string help) => new(name, PricerOptionType.Flag, help);

    /// <summary>One of <paramref name="choices"/>.</summary>
    public static PricerOption Choice(string name, string help, string @default, params string[] choices) =>
        new(name, PricerOptionType.Choice, help) { Default = @default, Choices = choices };

    /// <summary>The option as typed: <c>--top-k</c>; a one-letter name takes one dash (<c>-k</c>), as the command line's parser requires.</summary>
    public string Typed => FlagFor(Name);

    /// <summary>How the option named <paramref name="name"/> is typed (see <see cref="Typed"/>).</summary>
    public static string FlagFor(string name) => name.Length == 1 ? "-" + name : "--" + name;

    /// <summary>How the value is written in help: <c>--top-k N</c>, <c>--method greedy|weighted</c>, <c>--no-cache</c>.</summary>
    public string Usage => Type switch
    {
        PricerOptionType.Flag => Typed,
        PricerOptionType.Integer => $"{Typed} N",
        PricerOptionType.Number => $"{Typed} X",
        PricerOptionType.Choice => $"{Typed} {string.Join('|', Choices)}",
        _ => $"{Typed} VALUE",
    };

    /// <summary>Checks a given value; null when it is fine, else why not.</summary>
    internal string? Problem(string? value) => Type switch
    {
        PricerOptionType.Flag => value is null or "true" or "false" ? null : $"{Typed} is a flag and takes no value (got '{value}').",
        _ when value is null => $"{Typed} needs a value: {Usage}.",
        PricerOptionType.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"{Typed} takes a whole number, not '{value}'.",
        PricerOptionType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? null : $"{Typed} takes a number, not '{value}'.",
        PricerOptionType.Choice => Choices.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"{Typed} takes one of {string.Join(", ", Choices)}, not '{value}'.",
        _ => null,
    };
}

/// <summary>An option that is not one of the kind's, or a value of the wrong type.</summary>
public sealed class PricerOptionException(string message) : PricerException(message);

/// <summary>
/// The options a pricer was given, checked against its kind's declarations; what is not given reads as the declared
/// default. Created by the registry, so a pricer only ever sees valid values.
/// </summary>
public sealed class PricerOptionValues
{
    private readonly Dictionary<string, PricerOption> _declared;
    private readonly Dictionary<string, string?> _given;

    /// <summary>Checks <paramref name="given"/> (flag name without dashes → value; null for a bare flag) against <paramref name="declared"/>.</summary>
    /// <exception cref="PricerOptionException">An option the kind does not take, or a bad value.</exception>
    public PricerOptionValues(IReadOnlyList<PricerOption> declared, IReadOnlyDictionary<string, string?> given, string kind)
    {
        _declared = declared.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        _given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in given)
        {
            if (!_declared.TryGetValue(name, out var option))
                throw new PricerOptionException($"Pricer '{kind}' does not take {PricerOption.FlagFor(name)}. " +
                    (declared.Count == 0 ? $"'{kind}' takes no options." : $"It takes: {string.Join(", ", declared.Select(o => o.Usage))}.") +
                    " See `pricer pricers " + kind + "`.");
            if (option.Problem(value) is { } problem) throw new PricerOptionException($"Pricer '{kind}': {problem}");
            _given[option.Name] = value;
        }
    }

    /// <summary>The options as given (flags as "true"), for run records and model manifests.</summary>
    public IReadOnlyDictionary<string, string> Given =>
        _given.ToDictionary(p => p.Key, p => p.Value ?? "true", StringComparer.Ordinal);

    /// <summary>
    /// The default name of a run of <paramref name="spec"/>: the spec, then every given option that changes the guesses
    /// in name order (<c>llama:m.gguf --lora a.gguf --method greedy</c>), so runs that would guess differently are
    /// stored apart instead of replacing each other.
    /// </summary>
    public string RunName(string spec) => string.Concat([spec, .. _given
        .Where(g => _declared[g.Key].ChangesGuesses).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Value is null || _declared[g.Key].Type == PricerOptionType.Flag ? $" {PricerOption.FlagFor(g.Key)}" : $" {PricerOption.FlagFor(g.Key)} {g.Value}")]);

    /// <summary>True when the option was given.</summary>
    public bool IsSet(string name) => _given.ContainsKey(Declared(name).Name);

    /// <summary>A text option's value, else its default (null when it has none).</summary>
    public string? Text(string name) => Raw(name);

    /// <summary>A whole-number option's value, else its default (null when it has none).</summary>
    public int? Integer(string name) => Raw(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    /// <summary>A number option's value, else its default (null when it has none).</summary>
    public double? Number(string name) => Raw(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;

    /// <summary>True when the flag was given (and not given as <c>false</c>).</summary>
    public bool Flag(string name) => Raw(name) is { } v && v != "false";

    /// <summary>A choice option's value in its declared spelling, else its default.</summary>
    public string Choice(string name)
    {
        var option = Declared(name);
        var value = Raw(name) ?? throw new InvalidOperationException($"Choice {PricerOption.FlagFor(name)} has no default.");
        return option.Choices.First(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
    }

    private string? Raw(string name)
    {
        var option = Declared(name);
        if (!_given.TryGetValue(option.Name, out var value)) return option.Default;
        return option.Type == PricerOptionType.Flag ? value ?? "true" : value;
    }

    // Asking for an option the kind never declared is a bug in the kind, not a user error.
    private PricerOption Declared(string name) =>
        _declared.TryGetValue(name, out var option) ? option : throw new InvalidOperationException($"Option {PricerOption.FlagFor(name)} is not declared by this kind.");
}
