using PricerLib;
using PricerLib.Agents;
using PricerLib.Evaluation;
using PricerLib.Pricers;
using Spectre.Console.Cli;

namespace Pricer.Cli.Agents;

/// <summary>The pricer and the agents of a <c>deals</c> verb, made from its options.</summary>
internal static class DealsCommandSupport
{
    /// <summary>
    /// The pricer the options name (a spec with its kind's options, or a trained model folder) and the agents' settings.
    /// A kind that trains needs a trained model folder: the agents never train.
    /// </summary>
    /// <exception cref="PricerException">The pricer cannot be made, or a key is missing.</exception>
    public static async Task<(IPricer Pricer, DealAgentSettings Settings)> PrepareAsync(PricerRegistry registry, DealsSettings options,
        IReadOnlyDictionary<string, string?> kindOptions, CancellationToken cancellationToken)
    {
        DealAgentSettings settings;
        try { settings = options.ToAgentSettings(); }
        catch (ArgumentException e) { throw new DealAgentException(e.Message); }
        if (options.Trained is not null && kindOptions.Count > 0)
            throw new DealAgentException($"A trained model keeps the options it was trained with: --{kindOptions.Keys.First()} cannot be given with --trained.");
        var request = new EvaluationRequest(options.Pricer) { Options = kindOptions, TrainedModel = options.Trained };
        try
        {
            var prepared = await PricerEvaluation.PrepareAsync(registry, request, train: null, cancellationToken);
            return (prepared.Pricer, settings);
        }
        catch (ArgumentException)
        {
            throw new DealAgentException($"Pricer '{options.Pricer}' trains on items: train it with `pricer train` and pass the model folder as --trained DIR.");
        }
    }
}
