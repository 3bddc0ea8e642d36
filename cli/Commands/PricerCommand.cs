using System.Reflection;
using PricerLib;
using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

/// <summary>
/// The base of every verb: refuses options the verb does not take (with the nearest known one as a suggestion), and
/// turns the library's expected failures (<see cref="PricerException"/>) into a message and exit code 1 in one place.
/// Anything else goes to <see cref="CliErrors"/>, which treats it the same way for every verb.
/// </summary>
public abstract class PricerCommand<TSettings> : AsyncCommand<TSettings> where TSettings : CommandSettings
{
    /// <summary>The verb's work.</summary>
    protected abstract Task<int> RunAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Names (without dashes) of options beyond the verb's own that it accepts. The default takes none;
    /// <c>evaluate</c> and <c>train</c> take the pricer kinds' declared options, which the registry then checks
    /// against the chosen kind.
    /// </summary>
    protected virtual IReadOnlyList<string> ExtraOptionNames(TSettings settings) => [];

    /// <inheritdoc/>
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var extra = ExtraOptionNames(settings);
            foreach (var given in ExtraOptions(context).Keys)
                if (!extra.Contains(given, StringComparer.OrdinalIgnoreCase))
                    return CommandConsoles.Fail(UnknownOption.Message(given, OwnOptionNames().Concat(extra)), ExitCodes.Usage);
            if (context.Remaining.Raw.Count > 0)
                return CommandConsoles.Fail($"Unexpected argument '{context.Remaining.Raw[0]}'. See `pricer {context.Name} --help`.", ExitCodes.Usage);
            return await RunAsync(context, settings, cancellationToken);
        }
        catch (PricerException e)
        {
            return CommandConsoles.Fail(e.MayRetry ? $"{e.Message} (Trying again later may succeed.)" : e.Message, ExitCodes.For(e));
        }
    }

    /// <summary>The extra options as given on the command line (name without dashes → value, null for a bare flag).</summary>
    protected static IReadOnlyDictionary<string, string?> ExtraOptions(CommandContext context) =>
        context.Remaining.Parsed.ToDictionary(g => g.Key.TrimStart('-'), g => g.LastOrDefault(), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> OwnOptionNames() =>
        typeof(TSettings).GetProperties().Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>().SelectMany(a => a.LongNames);
}

/// <summary>Levenshtein distance, for "did you mean" suggestions (no library in the project does it).</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1),
                    previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
