using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Evaluation;

namespace PricerLib.Tests.Pricers;

public class PricerTests
{
    [Fact]
    public async Task Random_draws_integers_in_1_to_999_and_repeats_with_its_seed()
    {
        var items = TestItems.Priced(500);
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
    public async Task Constant_trains_to_the_mean_training_price()
    {
        var pricer = await new ConstantPricer.Trainer().TrainAsync([TestItems.Make("a", 10), TestItems.Make("b", 20), TestItems.Make("c", 60)]);
        Assert.Equal(30, (await pricer.PriceAsync(TestItems.Make("x", 1))).Price);
        Assert.Equal("30", pricer.Details.Parameters["meanTrainingPrice"]);
        await Assert.ThrowsAsync<ArgumentException>(() => new ConstantPricer.Trainer().TrainAsync([]));
    }

    [Fact]
    public async Task Registry_creates_random_and_trains_constant()
    {
        var registry = WorkbookPricers.Create();
        await using var random = await registry.CreateAsync("random", seed: 3);
        Assert.IsType<RandomPricer>(random);
        Assert.Equal("3", random.Details.Parameters["seed"]);

        var constant = registry.Resolve("CONSTANT");
        Assert.True(constant.Trains);
        var e = await Assert.ThrowsAsync<PricerUnavailableException>(() => constant.CreateAsync().AsTask());
        Assert.Contains("--train FILE", e.Message);
        Assert.IsType<ConstantPricer>(await constant.TrainAsync([TestItems.Make("a", 10)]));
    }

    [Theory]
    [InlineData("llama:models/pricer.gguf", "not available yet")]
    [InlineData("frontier", "write it as frontier:MODEL")]
    [InlineData("random:5", "takes no argument")]
    [InlineData("xgboost", "Unknown pricer 'xgboost'")]
    [InlineData("", "No pricer named")]
    public async Task Registry_explains_what_it_cannot_build(string spec, string message)
    {
        var e = await Assert.ThrowsAsync<PricerUnavailableException>(() => WorkbookPricers.Create().CreateAsync(spec).AsTask());
        Assert.Contains(message, e.Message);
        Assert.IsAssignableFrom<PricerException>(e);
    }

    [Fact]
    public async Task A_new_kind_is_one_registration_and_gets_everything_after_the_first_colon()
    {
        PricerRequest? seen = null;
        var settings = new WorkbookSettings { Cache = "/tmp/somewhere" };
        var registry = WorkbookPricers.Create(settings).Register(new PricerRegistration("frontier", "frontier:MODEL", "test double")
        {
            Create = (request, _) => { seen = request; return ValueTask.FromResult<IPricer>(new RandomPricer(request.Seed)); },
        });
        await registry.CreateAsync("frontier:ft:gpt-4o-mini:org::id", seed: 9);
        Assert.Equal(("frontier", "ft:gpt-4o-mini:org::id", 9), (seen!.Kind, seen.Argument, seen.Seed));
        Assert.Same(settings, seen.Settings);
    }

    [Fact]
    public void A_kind_must_either_create_or_train()
    {
        Assert.Throws<ArgumentException>(() => new PricerRegistry().Register(new PricerRegistration("odd", "odd", "neither")));
    }
}
