using PricerLib.Evaluation;

namespace PricerLib.Tests.Evaluation;

public class CourseReferenceTests
{
    [Fact]
    public void The_embedded_figures_load_with_their_source()
    {
        var reference = CourseReference.Load();
        Assert.Equal("ed-donner/llm_engineering", reference.Source.Repository);
        Assert.Equal(2024, reference.Source.Year);
        Assert.Equal(250, reference.Source.TestItems);
        Assert.Equal(14, reference.Results.Count);
        Assert.Equal(14, reference.Results.Select(r => r.Name).Distinct().Count());

        var random = reference.Results.Single(r => r.Name == "random");
        Assert.Equal((340.74, 1.72, 11.6), (random.Error, random.Rmsle, random.HitsPercent));
        var best = reference.Results.MinBy(r => r.Error)!;
        Assert.Equal(("fine-tuned Llama 3.1 8B", 46.67, 0.38, 70.8), (best.Name, best.Error, best.Rmsle, best.HitsPercent));
        Assert.All(reference.Results, r => Assert.InRange(r.HitsPercent, 0, 100));
    }
}
