using PricerLib.Classical;
using PricerLib.Classical2025;
using PricerLib.Frontier;
using PricerLib.Local;
using PricerLib.Retrieval;

namespace PricerLib.Pricers;

/// <summary>
/// The one place the workbook's pricer families are composed, shared by the CLI, the demo and the notebooks. Each
/// family registers itself with one call; a kind still to come is <see cref="PricerRegistry.Planned"/> until its
/// family's call replaces it.
/// </summary>
public static class WorkbookPricers
{
    /// <summary>Every pricer kind of this version, making pricers that use <paramref name="settings"/> (default: this process's).</summary>
    public static PricerRegistry Create(WorkbookSettings? settings = null) => new PricerRegistry(settings)
        .AddBaselines()
        .AddClassical()
        .AddFrontier()
        .AddLocal()
        .AddEmbeddingForest()
        .AddRag()
        .AddEnsemble()
        .AddCourse2025();

    /// <summary>The course's first two baselines: <c>random</c> and <c>constant</c>.</summary>
    public static PricerRegistry AddBaselines(this PricerRegistry registry) => registry
        .Register(new("random", "random", "uniform integer price in [1, 1000), seeded (the course's first baseline)")
        {
            Create = (request, _) => ValueTask.FromResult<IPricer>(new RandomPricer(request.Seed)),
        })
        .Register(new("constant", "constant", "the mean training price (trains: --train FILE, or --trained DIR)")
        {
            Trainer = _ => new ConstantPricer.Trainer(),
            Load = (_, folder, _) => ValueTask.FromResult<IPricer>(ConstantPricer.Load(folder)),
        });
}
