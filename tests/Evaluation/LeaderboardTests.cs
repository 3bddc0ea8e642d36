using PricerLib.Evaluation;
using PricerLib.Pricers;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Evaluation;

public class LeaderboardTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    [Theory]
    [InlineData("random", "random")]
    [InlineData("constant", "constant")]
    [InlineData("features-lr", "features LR")]
    [InlineData("bow-lr", "BoW LR")]
    [InlineData("word2vec-lr", "word2vec LR")]
    [InlineData("word2vec-svr", "word2vec SVR")]
    [InlineData("word2vec-rf", "word2vec RF")]
    [InlineData("Word2Vec-RF", "word2vec RF")]
    [InlineData("human", "human")]
    [InlineData("frontier:gpt-4o-mini", "GPT-4o-mini")]
    [InlineData("frontier:gpt-4o-mini-2024-07-18", "GPT-4o-mini")]
    [InlineData("frontier:openai/gpt-4o-mini", "GPT-4o-mini")]
    [InlineData("frontier:gpt-4o", "GPT-4o")]
    [InlineData("frontier:gpt-4o-2024-08-06", "GPT-4o")]
    [InlineData("frontier:claude-3-5-sonnet-20240620", "Claude 3.5 Sonnet")]
    [InlineData("frontier:anthropic/claude-3.5-sonnet", "Claude 3.5 Sonnet")]
    [InlineData("frontier:ft:gpt-4o-mini-2024-07-18:acme::AbC123", "fine-tuned GPT-4o-mini")]
    public void Each_kind_the_course_ran_maps_to_its_course_row(string spec, string courseRow)
    {
        Assert.Equal(courseRow, CourseRows.NameFor(spec));
        Assert.Contains(CourseReference.Load().Results, r => r.Name == courseRow);
    }

    [Theory]
    [InlineData("gbm")]
    [InlineData("frontier:gpt-4o-minimal")]
    [InlineData("frontier:gpt-4.1")]
    [InlineData("frontier:ft:gpt-4o-2024-08-06:acme::x")]
    [InlineData("frontier:claude-3-opus-20240229")]
    [InlineData("remote:pricer-lora")]
    [InlineData("test")]
    public void Kinds_the_course_has_no_row_for_map_to_none(string spec) => Assert.Null(CourseRows.NameFor(spec));

    [Fact]
    public void Llama_is_the_base_row_without_an_adapter_and_the_fine_tuned_row_with_one()
    {
        PricerDetails Llama(string lora) => new("llama", "/m/llama-3.1-8b.Q4_K_M.gguf", new Dictionary<string, string> { ["lora"] = lora });
        Assert.Equal("base Llama 3.1 8B 4-bit", CourseRows.NameFor("llama:/m/llama-3.1-8b.Q4_K_M.gguf", Llama("none")));
        Assert.Equal("fine-tuned Llama 3.1 8B", CourseRows.NameFor("llama:/m/llama-3.1-8b.Q4_K_M.gguf", Llama("/m/pricer-lora.gguf")));
        Assert.Equal("base Llama 3.1 8B 4-bit", CourseRows.NameFor("llama:/m/x.gguf"));
    }

    [Fact]
    public async Task Each_run_carries_its_course_row_and_course_figures_carry_none()
    {
        var reference = CourseReference.Load();
        var runs = new[] { await Run("word2vec-rf", 20), await Run("gbm", 30), await Run("frontier:gpt-4o-mini", 10) };

        var rows = Leaderboard.Rows(runs, reference);

        var rf = rows.Single(r => r.Name == "word2vec-rf");
        Assert.Equal(reference.Results.Single(r => r.Name == "word2vec RF"), rf.CourseRow);
        Assert.Equal("word2vec RF $97.11", rf.CourseCell);
        Assert.Equal("GPT-4o-mini", rows.Single(r => r.Name == "frontier:gpt-4o-mini").CourseRow!.Name);
        Assert.Null(rows.Single(r => r.Name == "gbm").CourseRow);
        Assert.All(rows.Where(r => r.IsReference), r => Assert.Null(r.CourseRow));
        Assert.All(Leaderboard.Rows(runs), r => Assert.Null(r.CourseRow));
    }

    [Fact]
    public async Task The_notebook_table_shows_the_course_row_and_its_error_beside_each_run()
    {
        var table = Leaderboard.Table([await Run("features-lr", 50), await Run("gbm", 60)], CourseReference.Load());

        var names = table["name"].Cast<string>().ToList();
        int features = names.IndexOf("features-lr"), gbm = names.IndexOf("gbm"), course = names.IndexOf("features LR (course 2024)");
        Assert.Equal("features LR", table["course_row"][features]);
        Assert.Equal(139.34, table["course_error"][features]);
        Assert.Null(table["course_row"][gbm]);
        Assert.Null(table["course_row"][course]);
        Assert.Null(table["course_error"][course]);
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public async Task The_cli_leaderboard_shows_each_run_beside_its_course_row()
    {
        using var dir = new TempDir();
        var store = new ResultsStore(dir.Path);
        store.Save(await Run("word2vec-rf", 20));
        store.Save(await Run("gbm", 30));

        var (exit, stdout, stderr) = PricerProcess.Run("leaderboard", "--results", dir.Path);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Course row", stdout);
        var rfLine = stdout.Split('\n').Single(l => l.Contains(" word2vec-rf "));
        Assert.Contains("word2vec RF $97.11", rfLine);
        Assert.DoesNotContain("$97.11", stdout.Split('\n').Single(l => l.Contains(" gbm ")));

        var bare = PricerProcess.Run("leaderboard", "--no-reference", "--results", dir.Path);
        Assert.DoesNotContain("Course row", bare.Stdout);
    }

    [Fact]
    public async Task Runs_on_a_synthetic_model_are_never_ranked()
    {
        var real = await Run("llama", 20);
        var synthetic = real with { Name = "synthetic", Model = new PricerDetails("llama", "m.gguf", new Dictionary<string, string> { ["synthetic"] = "llama-3.2-1b" }) };
        Assert.Equal(["llama"], Leaderboard.Rows([real, synthetic]).Select(r => r.Name));
    }

    private static async Task<RunRecord> Run(string spec, double offset)
    {
        var report = await Tester.RunAsync(Predictor.FromPrice(i => i.Price + offset), TestItems.Priced(8), new TesterOptions { Title = spec });
        return RunRecord.From(report, spec, spec, new PricerDetails(spec, null, NoParameters), new RunSettings(8, 42, 1));
    }
}
