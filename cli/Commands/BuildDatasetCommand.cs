using Spectre.Console.Cli;

namespace Pricer.Cli.Commands;

// Placeholder until implemented.
public sealed class BuildDatasetCommand : AsyncCommand<BuildDatasetCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
