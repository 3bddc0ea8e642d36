using PricerLib.Classical;
using PricerLib.Tests.Support;

namespace PricerLib.Tests.Classical;

public class Word2VecTests
{
    private static readonly Word2VecSettings Small = new() { Dimensions = 32, Epochs = 20, Sample = 0 };

    // Two planted synonyms: "kettle" and "teapot" appear in exactly the same contexts; other nouns have their own.
    private static List<IReadOnlyList<string>> Corpus(int sentences = 1500)
    {
        var random = new Random(5);
        string[][] contexts = [["boil", "water", "spout", "steam"], ["drill", "bit", "screw", "torque"], ["guitar", "string", "fret", "chord"]];
        string[][] nouns = [["kettle", "teapot"], ["driver"], ["pick"]];
        var corpus = new List<IReadOnlyList<string>>();
        for (int s = 0; s < sentences; s++)
        {
            int topic = random.Next(3);
            var words = Enumerable.Range(0, 6).Select(_ => contexts[topic][random.Next(4)]).ToList();
            words.Insert(3, nouns[topic][random.Next(nouns[topic].Length)]);
            corpus.Add(words);
        }
        return corpus;
    }

    [Fact]
    public void Planted_synonyms_are_each_others_nearest_neighbours()
    {
        var vectors = Word2Vec.Train(Corpus(), Small);
        Assert.Equal("teapot", vectors.MostSimilar("kettle", 1)[0].Word);
        Assert.Equal("kettle", vectors.MostSimilar("teapot", 1)[0].Word);
        Assert.DoesNotContain(vectors.MostSimilar("kettle", 3), n => n.Word is "fret" or "torque");
    }

    [Fact]
    public void One_thread_is_bit_for_bit_reproducible_and_the_seed_matters()
    {
        var corpus = Corpus(300);
        var a = Word2Vec.Train(corpus, Small);
        var b = Word2Vec.Train(corpus, Small);
        var c = Word2Vec.Train(corpus, Small with { Seed = 2 });
        Assert.Equal(a["kettle"].ToArray(), b["kettle"].ToArray());
        Assert.NotEqual(a["kettle"].ToArray(), c["kettle"].ToArray());
    }

    [Fact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Several_threads_still_learn_the_synonyms()
    {
        var vectors = Word2Vec.Train(Corpus(), Small with { Threads = 2 });
        Assert.Equal("teapot", vectors.MostSimilar("kettle", 1)[0].Word);
    }

    [Fact]
    public void Vocabulary_is_by_descending_count_and_document_vectors_are_means()
    {
        var vectors = Word2Vec.Train([["b", "a", "b"], ["c", "b", "a"]], Small with { Dimensions = 4, Epochs = 1 });
        Assert.Equal(["b", "a", "c"], vectors.Words);
        var mean = vectors.DocumentVector(["a", "unknown", "c"]);
        for (int d = 0; d < 4; d++) Assert.Equal((vectors["a"][d] + vectors["c"][d]) / 2, mean[d], 6);
        Assert.All(vectors.DocumentVector(["unknown"]), v => Assert.Equal(0f, v));
        Assert.Empty(Word2Vec.Train([], Small).Words);
    }

    [Fact]
    public void Vectors_save_and_load_exactly_and_garbage_is_refused()
    {
        var vectors = Word2Vec.Train(Corpus(100), Small with { Epochs = 1 });
        using var stream = new MemoryStream();
        vectors.Save(stream);
        stream.Position = 0;
        var loaded = WordVectors.Load(stream);
        Assert.Equal(vectors.Words, loaded.Words);
        Assert.Equal(vectors["kettle"].ToArray(), loaded["kettle"].ToArray());
        Assert.Throws<InvalidDataException>(() => WordVectors.Load(new MemoryStream([1, 2, 3])));
        var cut = stream.ToArray()[..100];
        Assert.Throws<InvalidDataException>(() => WordVectors.Load(new MemoryStream(cut)));
    }

    [Fact]
    public void The_sigmoid_table_takes_every_dot_product_below_six()
    {
        // In float arithmetic 5.9999995 + 6 rounds to 12, and 12 × 83.33 indexed past the table: it crashed a 400,000-item run.
        float below = MathF.BitDecrement(6f);
        Assert.InRange(Word2Vec.Sigmoid(below), 0.997f, 1f);
        Assert.InRange(Word2Vec.Sigmoid(-below), 0f, 0.003f);
        Assert.Equal(0.5f, Word2Vec.Sigmoid(0f), 0.01f);
    }
}
