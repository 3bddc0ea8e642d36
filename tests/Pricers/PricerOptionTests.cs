using PricerLib.Pricers;

namespace PricerLib.Tests.Pricers;

public class PricerOptionTests
{
    private static readonly PricerOption[] Declared =
    [
        PricerOption.Text("base-url", "server", "http://127.0.0.1:1/v1"),
        PricerOption.Integer("top-k", "candidates", 3),
        PricerOption.Number("lora-scale", "scale", 1.0),
        PricerOption.Flag("no-cache", "skip the cache"),
        PricerOption.Choice("method", "how", "weighted", "greedy", "weighted"),
    ];

    private static PricerOptionValues Values(params (string Name, string? Value)[] given) =>
        new(Declared, given.ToDictionary(g => g.Name, g => g.Value), "test");

    [Fact]
    public void Defaults_apply_when_nothing_is_given()
    {
        var values = Values();
        Assert.Equal("http://127.0.0.1:1/v1", values.Text("base-url"));
        Assert.Equal(3, values.Integer("top-k"));
        Assert.Equal(1.0, values.Number("lora-scale"));
        Assert.False(values.Flag("no-cache"));
        Assert.Equal("weighted", values.Choice("method"));
        Assert.False(values.IsSet("method"));
        Assert.Empty(values.Given);
    }

    [Fact]
    public void Given_values_are_typed_and_recorded()
    {
        var values = Values(("TOP-K", "10"), ("lora-scale", "0.5"), ("no-cache", null), ("method", "GREEDY"));
        Assert.Equal(10, values.Integer("top-k"));
        Assert.Equal(0.5, values.Number("lora-scale"));
        Assert.True(values.Flag("no-cache"));
        Assert.Equal("greedy", values.Choice("method"));
        Assert.True(values.IsSet("top-k"));
        Assert.Equal("true", values.Given["no-cache"]);
        Assert.Equal("10", values.Given["top-k"]);
    }

    [Theory]
    [InlineData("gpu-layers", "12", "does not take --gpu-layers")]
    [InlineData("top-k", "three", "takes a whole number, not 'three'")]
    [InlineData("top-k", null, "needs a value: --top-k N")]
    [InlineData("lora-scale", "NaN", "takes a number")]
    [InlineData("method", "beam", "takes one of greedy, weighted, not 'beam'")]
    [InlineData("no-cache", "yes", "is a flag and takes no value")]
    public void Bad_options_are_refused_with_a_message_that_says_why(string name, string? value, string message)
    {
        var e = Assert.Throws<PricerOptionException>(() => Values((name, value)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_kind_without_options_refuses_any()
    {
        var e = Assert.Throws<PricerOptionException>(() =>
            WorkbookPricers.Create().Resolve("random", new Dictionary<string, string?> { ["base-url"] = "x" }));
        Assert.Contains("'random' takes no options", e.Message);
    }

    [Fact]
    public void Usage_shows_how_to_write_each_type()
    {
        Assert.Equal(["--base-url VALUE", "--top-k N", "--lora-scale X", "--no-cache", "--method greedy|weighted"], Declared.Select(o => o.Usage));
    }

    [Fact]
    public void A_one_letter_option_is_shown_and_named_with_one_dash_as_it_is_typed()
    {
        var k = PricerOption.Integer("k", "Neighbours.", 5);
        var e = Assert.Throws<PricerOptionException>(() => new PricerOptionValues([k], new Dictionary<string, string?> { ["k"] = "five" }, "rag"));

        Assert.Equal("-k N", k.Usage);
        Assert.Equal("Pricer 'rag': -k takes a whole number, not 'five'.", e.Message);
    }
}
