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
        Assert.Equal((340.74, 1.72, 11.6), (random.Error, random.Rmsle!.Value, random.HitsPercent!.Value));
        var best = reference.Results.MinBy(r => r.Error)!;
        Assert.Equal(("fine-tuned Llama 3.1 8B", 46.67, 0.38, 70.8), (best.Name, best.Error, best.Rmsle!.Value, best.HitsPercent!.Value));
        Assert.All(reference.Results, r => Assert.InRange(r.HitsPercent!.Value, 0, 100));
    }

    [Fact]
    public void The_2025_figures_are_the_whole_results_table_of_week8_with_errors_only()
    {
        var reference = CourseReference.Load(PricerLib.Editions.CourseEdition.Course2025);
        Assert.Equal(PricerLib.Editions.CourseEdition.Course2025, reference.Edition);
        Assert.Equal((2025, 200), (reference.Source.Year, reference.Source.TestItems));
        Assert.Contains("week8/results.ipynb", reference.Source.Notebooks);
        Assert.Equal(19, reference.Results.Select(r => r.Name).Distinct().Count());
        var errors = reference.Results.ToDictionary(r => r.Name, r => r.Error);
        Assert.Equal(106.18, errors["Constant"]);
        Assert.Equal(101.56, errors["Linear Regression"]);
        Assert.Equal(76.81, errors["NLP + LR"]);
        Assert.Equal(72.28, errors["Random Forest"]);
        Assert.Equal(68.23, errors["XGBoost"]);
        Assert.Equal(87.62, errors["Human (Ed)"]);
        Assert.Equal(63.97, errors["Neural Network"]);
        Assert.Equal(29.9, errors["Ensemble"]);
        Assert.All(reference.Results, r => Assert.Null(r.Rmsle ?? r.HitsPercent));
        Assert.Equal(PricerLib.Editions.CourseEdition.Course2024, CourseReference.Load().Edition);
    }
}
