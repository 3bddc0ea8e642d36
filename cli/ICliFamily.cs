using Spectre.Console.Cli;

namespace Pricer.Cli;

/// <summary>
/// A pricer family's own verbs (e.g. <c>fine-tune</c>, <c>convert-lora</c>) and benchmarks (<c>bench local</c>),
/// added by that family's one line in <c>Program.cs</c>, so families never edit each other's registrations.
/// </summary>
public interface ICliFamily
{
    /// <summary>Adds the family's top-level verbs.</summary>
    void AddCommands(IConfigurator config);

    /// <summary>Adds the family's benchmarks under <c>pricer bench</c>.</summary>
    void AddBenchCommands(IConfigurator<CommandSettings> bench);
}
