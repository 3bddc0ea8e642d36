using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Pricers;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Classical2025;

/// <summary>The 2025 course's day-3 baselines: what each learns, and that each saves and loads unchanged.</summary>
public class Baselines2025Tests
{
    private static readonly string[] Words = ["steel", "kettle", "lamp", "oak", "desk", "chair", "cotton", "shirt", "phone", "case", "walnut", "glass"];

    /// <summary>Items whose price follows their words ("oak", "walnut" dear) and, where given, their weight.</summary>
    private static List<Item> Items(int count, int seed, double perPound = 12)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var chosen = Words.Where(_ => random.NextDouble() < 0.35).DefaultIfEmpty("plain").ToList();
            double? weight = random.NextDouble() < 0.2 ? null : Math.Round(random.NextDouble() * 10, 1);
            double price = 15 + 60 * chosen.Count(w => w is "oak" or "walnut") + perPound * (weight ?? 0);
            string summary = string.Join(" ", chosen);
            return new Item { Title = summary, Price = price, Prompt = CourseEdition.Course2025.MakePrompt(summary, price), Summary = summary, Weight = weight };
        }).ToList();
    }

    [Fact]
    public void Weight_lr_uses_the_courses_three_features()
    {
        var item = Items(1, 1)[0] with { Summary = "Ünïcode", Weight = null };
        Assert.Equal([0, 1, 7], PricerLib.Classical2025.WeightPriceModel.Features(item));
        Assert.Equal([2.5, 0, 7], PricerLib.Classical2025.WeightPriceModel.Features(item with { Weight = 2.5 }));
    }

    [Theory]
    [InlineData("weight-lr", 60)]
    [InlineData("nlp-lr", 40)]
    [InlineData("forest", 50)]
    public Task Each_baseline_learns_the_prices_and_saves_and_loads_with_identical_guesses(string kind, double bound) =>
        LearnsSavesAndLoads(kind, bound, perPound: 12);

    // 1,000 boosting rounds take a while on loaded cores; priced by words alone, which its counts see.
    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public Task Gbdt_learns_the_prices_and_saves_and_loads_with_identical_guesses() => LearnsSavesAndLoads("gbdt", 20, perPound: 0);

    [Theory]
    [InlineData("forest", "subset", "items", "250")]
    [InlineData("gbdt", "rounds", "trees", "20")]
    public async Task The_forests_subset_and_the_boosting_rounds_are_options(string kind, string option, string parameter, string value)
    {
        var recipe = WorkbookPricers.Create().Resolve(kind, new Dictionary<string, string?> { [option] = value });
        await using var pricer = await recipe.TrainAsync(Items(300, 4));
        Assert.Equal(value, ((PricerLib.Classical.ClassicalPricer)pricer).Model.Parameters[parameter]);
        await Assert.ThrowsAsync<PricerOptionException>(() =>
            WorkbookPricers.Create().Resolve(kind, new Dictionary<string, string?> { [option] = "0" }).TrainAsync(Items(10, 5)));
    }

    private static async Task LearnsSavesAndLoads(string kind, double bound, double perPound)
    {
        var train = Items(600, 2, perPound);
        var test = Items(60, 3, perPound);
        var recipe = WorkbookPricers.Create().Resolve(kind);
        await using var pricer = await recipe.TrainAsync(train);
        var model = ((PricerLib.Classical.ClassicalPricer)pricer).Model;
        var guesses = model.Predict(test);
        double error = guesses.Zip(test).Average(p => Math.Abs(p.First - p.Second.Price));
        double constant = test.Average(i => Math.Abs(train.Average(t => t.Price) - i.Price));
        Assert.True(error < bound && error < constant, $"{kind}: error {error:F2} (constant {constant:F2})");

        using var dir = new TempDir();
        await ((ISaveablePricer)pricer).SaveAsync(new ModelFolder(dir.Path));
        var loaded = recipe.Registration.Load!(recipe.Request, new ModelFolder(dir.Path), default);
        await using var again = await loaded;
        Assert.Equal(guesses, ((PricerLib.Classical.ClassicalPricer)again).Model.Predict(test));
    }
}
