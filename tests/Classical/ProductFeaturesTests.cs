using PricerLib.Classical;
using PricerLib.Data;

namespace PricerLib.Tests.Classical;

public class ProductFeaturesTests
{
    private static Item Make(string? details, double price = 10, string text = "A thing") => new()
    {
        Title = "t", Price = price, Details = details,
        Prompt = $"{Item.Question}\n\n{text}\n\n{Item.Prefix}{Math.Round(price)}.00",
    };

    [Theory]
    [InlineData("2 Pounds", 2.0)]
    [InlineData("8 ounces", 0.5)]
    [InlineData("453.592 Grams", 1.0)]
    [InlineData("453592 Milligrams", 1.0)]
    [InlineData("0.453592 Kilograms", 1.0)]
    [InlineData("150 hundredths pounds", 1.5)]
    public void Weights_convert_to_pounds_like_the_course(string text, double pounds)
    {
        var fallbacks = new FeatureFallbacks();
        Assert.Equal(pounds, ProductFeatures.ParseWeight(text, fallbacks)!.Value, 9);
        Assert.Empty(fallbacks.Counts);
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("N/A Pounds")]
    [InlineData("3 stone")]
    [InlineData("150 hundredths")]
    public void Unreadable_weights_fall_back_and_are_counted(string text)
    {
        var fallbacks = new FeatureFallbacks();
        Assert.Null(ProductFeatures.ParseWeight(text, fallbacks));
        Assert.Equal(1, fallbacks[FeatureFallback.WeightUnreadable]);
    }

    [Fact]
    public void Features_come_from_the_details_json()
    {
        var fallbacks = new FeatureFallbacks();
        var item = Make("""{"Item Weight": "1.5 Pounds", "Best Sellers Rank": {"Electronics": 100, "Cables": 300}, "Brand": "Dell"}""", text: "𝐀");
        var features = ProductFeatures.Of(item, fallbacks);
        Assert.Equal(new ProductFeatures(1.5, 200, item.TestPrompt.Length - 1, true), features); // 𝐀: one code point, two UTF-16 units
        Assert.Empty(fallbacks.Counts);
    }

    [Fact]
    public void Missing_and_broken_details_are_counted()
    {
        var fallbacks = new FeatureFallbacks();
        var none = ProductFeatures.Of(Make(null), fallbacks);
        var broken = ProductFeatures.Of(Make("{not json"), fallbacks);
        var odd = ProductFeatures.Of(Make("""{"Item Weight": "0 Pounds", "Best Sellers Rank": {"A": "first"}, "Brand": 7}"""), fallbacks);
        Assert.All(new[] { none, broken, odd }, f => { Assert.Null(f.Weight); Assert.Null(f.Rank); Assert.False(f.TopElectronicsBrand); });
        Assert.Equal(1, fallbacks[FeatureFallback.NoDetails]);
        Assert.Equal(1, fallbacks[FeatureFallback.DetailsNotJson]);
        Assert.Equal(2, fallbacks[FeatureFallback.NoWeight]);
        Assert.Equal(1, fallbacks[FeatureFallback.RankUnreadable]);
        Assert.Contains("details not JSON 1", fallbacks.ToString());
    }

    [Fact]
    public void The_features_model_uses_training_means_for_missing_values()
    {
        var fallbacks = new FeatureFallbacks();
        Item[] train =
        [
            Make("""{"Item Weight": "2 Pounds", "Best Sellers Rank": {"A": 10}}""", 20),
            Make("""{"Item Weight": "4 Pounds", "Best Sellers Rank": {"A": 30}}""", 40),
            Make(null, 30),
        ];
        var model = FeatureRegression.Fit(train, fallbacks);
        Assert.Equal(3, model.AverageWeight);
        Assert.Equal(20, model.AverageRank);
        Assert.Equal([3.0, 20.0], model.Row(Make("{}"), fallbacks)[..2]);
        Assert.Equal(30, model.Predict(Make(null), fallbacks), 6);
    }
}
