using System.Text;
using PricerLib.Classical2025;
using PricerLib.Data;
using PricerLib.Editions;
using PricerLib.Pricers;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Classical2025;

/// <summary>The 2025 course's <c>nn</c>: scikit-learn's hashing, the network's gradients, training, saving.</summary>
public class NeuralNetworkTests
{
    [Theory]
    // scikit-learn's own tests (sklearn/utils/tests/test_murmurhash.py) and the reference implementation's published vectors.
    [InlineData("foo", 0u, -156908512)]
    [InlineData("foo", 42u, -1322301282)]
    [InlineData("", 0u, 0)]
    [InlineData("", 1u, 0x514E28B7)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747b28cu, 0x2FA826CD)]
    public void MurmurHash3_matches_the_published_values(string text, uint seed, int expected) =>
        Assert.Equal(expected, MurmurHash3.Hash32(Encoding.UTF8.GetBytes(text), seed));

    [Fact]
    public void The_hashing_vectorizer_is_sklearns_binary_l2_bucketing_without_stop_words()
    {
        var vectorizer = new HashingVectorizer(5000);
        Assert.Equal(156908512 % 5000, vectorizer.Column("foo")); // |murmurhash3_32("foo")| mod 5000

        var row = vectorizer.Transform("Foo, foo and THE bar! a");
        // "and", "the" are stop words, "a" is one character; "foo" twice still counts once (binary).
        Assert.Equal(new[] { vectorizer.Column("foo"), vectorizer.Column("bar") }.Order(), row.Indices);
        Assert.All(row.Values, v => Assert.Equal(1 / Math.Sqrt(2), v, 12));
        Assert.Empty(vectorizer.Transform("the and of").Indices);
    }

    [Fact]
    public void The_course_network_has_the_courses_parameter_count() =>
        // 5000·128+128 + 128·64+64 + 5·(64·64+64) + 64+1
        Assert.Equal(669_249, PriceNetwork.Create(PriceNetwork.CourseSizes(5000), 1).ParameterCount);

    private static List<SparseRow> RandomRows(Random random, int count, int inputs) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var indices = Enumerable.Range(0, inputs).Where(_ => random.NextDouble() < 0.4).ToArray();
            return new SparseRow(indices, indices.Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());
        }).ToList();

    [Fact]
    public void Gradients_match_finite_differences_of_the_batch_loss()
    {
        var random = new Random(7);
        var network = PriceNetwork.Create([12, 8, 6, 6, 1], seed: 3);
        var rows = RandomRows(random, 9, 12);
        var targets = rows.Select(_ => (float)(random.NextDouble() * 4 - 2)).ToList();

        var (weightGradients, biasGradients) = network.Gradients(rows, targets);
        var (weights, biases) = network.Parameters;
        int checkedCount = 0;
        foreach (var (parameters, gradients) in weights.Zip(weightGradients).Concat(biases.Zip(biasGradients)))
        {
            for (int i = 0; i < parameters.Length; i += 3)
            {
                float saved = parameters[i];
                const float h = 1e-2f;
                parameters[i] = saved + h;
                double up = network.Loss(rows, targets);
                parameters[i] = saved - h;
                double down = network.Loss(rows, targets);
                parameters[i] = saved;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - gradients[i]) <= 2e-3 + 2e-2 * Math.Abs(numeric),
                    $"parameter {i}: analytic {gradients[i]}, numeric {numeric}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 50);
        Assert.Contains(weightGradients[0], g => g != 0); // the sparse first layer got gradients
    }

    [Fact]
    public void Training_learns_a_price_and_one_thread_gives_the_same_network_up_to_rounding()
    {
        var random = new Random(11);
        var rows = RandomRows(random, 300, 30);
        // A price that the inputs decide: 50 + 40·(sum of the first five columns' values).
        var targets = rows.Select(r => 50 + 40 * r.Indices.Zip(r.Values).Where(p => p.First < 5).Sum(p => p.Second)).ToList();
        var settings = new NetworkTraining { Epochs = 25, BatchSize = 16, Seed = 5, LearningRate = 0.01f };

        var parallel = PriceNetwork.Create([30, 16, 8, 1], settings.Seed);
        var single = PriceNetwork.Create([30, 16, 8, 1], settings.Seed);
        double before = parallel.Loss(rows, targets);
        var losses = parallel.Train(rows, targets, settings with { Threads = 4 });
        single.Train(rows, targets, settings with { Threads = 1 });

        Assert.Equal(25, losses.Count);
        Assert.True(parallel.Loss(rows, targets) < before / 20, $"loss {parallel.Loss(rows, targets)} from {before}");
        Assert.NotNull(losses[^1].ValidationLoss);
        foreach (var row in rows.Take(20)) Assert.Equal(single.Predict(row), parallel.Predict(row), 1e-2f);
    }

    private static Item Item(string summary, double price) => new()
    {
        Title = summary,
        Price = price,
        Prompt = CourseEdition.Course2025.MakePrompt(summary, price),
        Summary = summary,
    };

    [Fact]
    public async Task Nn_trains_through_the_registry_saves_and_loads_with_identical_guesses()
    {
        var words = new[] { "steel", "kettle", "lamp", "oak", "desk", "chair", "cotton", "shirt", "phone", "case" };
        var random = new Random(3);
        var train = Enumerable.Range(0, 300).Select(i =>
        {
            var chosen = words.Where(_ => random.NextDouble() < 0.4).ToList();
            return Item(string.Join(" ", chosen.DefaultIfEmpty("plain")), 20 + 30 * chosen.Count(w => w is "oak" or "desk"));
        }).ToList();
        var registry = WorkbookPricers.Create();
        var recipe = registry.Resolve("nn", new Dictionary<string, string?> { ["epochs"] = "3" }, 42);
        await using var pricer = await recipe.TrainAsync(train);
        using var dir = new TempDir();

        await ((ISaveablePricer)pricer).SaveAsync(new ModelFolder(dir.Path));
        var loaded = NeuralNetworkPriceModel.Load(new ModelFolder(dir.Path));

        var test = train.Take(25).ToList();
        var guesses = ((PricerLib.Classical.ClassicalPricer)pricer).Model.Predict(test);
        Assert.Equal(guesses, loaded.Predict(test));
        Assert.All(guesses, g => Assert.True(g >= 0));
        Assert.Equal("5000-128-64-64-64-64-64-64-1", loaded.Parameters["layers"]);

        File.WriteAllBytes(Path.Combine(dir.Path, "nn.bin"), [1, 2, 3]);
        Assert.Throws<TrainedModelException>(() => NeuralNetworkPriceModel.Load(new ModelFolder(dir.Path)));
    }

    [Fact]
    public void A_2024_item_is_read_through_its_prompt_text_in_place_of_a_summary()
    {
        var item = new Item { Title = "Kettle", Price = 20, Prompt = $"{PricerLib.Data.Item.Question}\n\nKettle\nSteel, 1.7 l.\n\n{PricerLib.Data.Item.Prefix}20.00" };
        Assert.Equal("Kettle\nSteel, 1.7 l.", ItemText2025.Of(item));
        Assert.Equal("A kettle.", ItemText2025.Of(item with { Summary = "A kettle." }));
    }
}
