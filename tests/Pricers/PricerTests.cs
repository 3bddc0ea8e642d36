using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Pricers;

public class PricerTests
{
    [Fact]
    public async Task Random_draws_integers_in_1_to_999_and_repeats_with_its_seed()
    {
        var items = PricerLib.Tests.Evaluation.TestItems.Priced(500);
        var first = await Tester.RunAsync(new RandomPricer(42), items, new TesterOptions { Size = 500 });
        var again = await Tester.RunAsync(new RandomPricer(42), items, new TesterOptions { Size = 500 });
        var other = await Tester.RunAsync(new RandomPricer(7), items, new TesterOptions { Size = 500 });

        var guesses = first.Items.Select(i => i.Guess!.Value).ToList();
        Assert.All(guesses, g => Assert.True(g >= 1 && g < 1000 && g == Math.Floor(g), $"{g} is not an integer in [1, 1000)"));
        Assert.Equal(guesses, again.Items.Select(i => i.Guess!.Value));
        Assert.NotEqual(guesses, other.Items.Select(i => i.Guess!.Value));
        Assert.InRange(guesses.Average(), 400, 600); // uniform on [1, 999]: mean 500
        Assert.Equal("Random", first.Title);
        Assert.Equal("42", new RandomPricer().Details.Parameters["seed"]);
    }

    [Fact]
    public async Task Constant_prices_everything_at_the_mean_training_price()
    {
        var pricer = new ConstantPricer();
        await Assert.ThrowsAsync<InvalidOperationException>(() => pricer.PriceAsync(TestItems.Make("x", 1)));
        await pricer.TrainAsync([TestItems.Make("a", 10), TestItems.Make("b", 20), TestItems.Make("c", 60)]);
        Assert.True(pricer.IsTrained);
        Assert.Equal(30, (await pricer.PriceAsync(TestItems.Make("x", 1))).Price);
        Assert.Equal("30", pricer.Details.Parameters["meanTrainingPrice"]);
    }

    [Fact]
    public void Registry_resolves_the_baselines()
    {
        var registry = PricerRegistry.CreateDefault();
        Assert.IsType<RandomPricer>(registry.Resolve("random", seed: 3));
        Assert.IsType<ConstantPricer>(registry.Resolve("CONSTANT"));
        Assert.Equal("3", registry.Resolve("random", seed: 3).Details.Parameters["seed"]);
    }

    [Theory]
    [InlineData("frontier:gpt-4o-mini", "not available yet")]
    [InlineData("llama:models/pricer.gguf", "not available yet")]
    [InlineData("frontier", "write it as frontier:MODEL")]
    [InlineData("random:5", "takes no argument")]
    [InlineData("xgboost", "Unknown pricer 'xgboost'")]
    [InlineData("", "No pricer named")]
    public void Registry_explains_what_it_cannot_build(string spec, string message)
    {
        var e = Assert.Throws<PricerUnavailableException>(() => PricerRegistry.CreateDefault().Resolve(spec));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_new_kind_is_one_registration_and_gets_everything_after_the_first_colon()
    {
        PricerRequest? seen = null;
        var registry = PricerRegistry.CreateDefault().Register(new PricerRegistration("frontier", "frontier:MODEL", "test double",
            request => { seen = request; return new RandomPricer(request.Seed); }));
        registry.Resolve("frontier:openai/gpt-4o:latest", seed: 9);
        Assert.Equal(("frontier", "openai/gpt-4o:latest", 9), (seen!.Kind, seen.Argument, seen.Seed));
    }
}
