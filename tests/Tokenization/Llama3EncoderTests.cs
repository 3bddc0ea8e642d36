using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

/// <summary>The hand-written encoder against Microsoft.ML.Tokenizers on the same vocabulary: ids, counts and text.</summary>
public sealed class Llama3EncoderTests
{
    private static Llama3Encoder Fast => Llama3Fixture.Tokenizer.Fast;

    private static void AssertSameEncoding(string text)
    {
        var reference = Llama3Fixture.Tokenizer;
        var expected = reference.Encode(text);
        var actual = Fast.Encode(text);
        if (!expected.SequenceEqual(actual))
            Assert.Fail($"{string.Concat(text.Select(c => $"\\u{(int)c:X4}"))}: reference [{string.Join(',', expected)}] fast [{string.Join(',', actual)}]");
        Assert.Equal(expected.Count, Fast.CountTokens(text));
        Assert.Equal(reference.Decode(expected), Fast.Decode(actual));
    }

    [SkippableTheory]
    [MemberData(nameof(Llama3TokenizerTests.KnownIds), MemberType = typeof(Llama3TokenizerTests))]
    public void Encodes_known_strings_to_the_reference_ids(string text, int[] expected)
    {
        Assert.Equal(expected, Fast.Encode(text));
        Assert.Equal(text, Fast.Decode(expected));
    }

    [SkippableFact]
    public void Every_tenth_shared_prompt_and_each_with_surrogates_encodes_like_the_reference()
    {
        var prompts = Llama3Fixture.Prompts;
        for (int i = 0; i < prompts.Length; i++)
            if (i % 10 == 0 || Llama3Fixture.HasSurrogates(prompts[i])) AssertSameEncoding(prompts[i]);
    }

    [SkippableFact]
    [Trait(TestTiers.Category, TestTiers.Slow)]
    public void Every_shared_prompt_encodes_like_the_reference()
    {
        foreach (var prompt in Llama3Fixture.Prompts) AssertSameEncoding(prompt);
    }

    [SkippableFact]
    public void A_generated_adversarial_corpus_encodes_like_the_reference()
    {
        _ = Llama3Fixture.Tokenizer;
        foreach (var text in AdversarialText.Corpus(count: 10_000)) AssertSameEncoding(text);
    }

    [SkippableFact]
    public void Random_id_sequences_decode_like_the_reference_also_where_they_split_a_character()
    {
        var reference = Llama3Fixture.Tokenizer;
        var random = new Random(7);
        for (int i = 0; i < 5_000; i++)
        {
            // Mostly regular tokens (many are partial UTF-8 sequences), some special ones.
            var ids = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => random.Next(20) == 0 ? Llama3Tokenizer.RegularTokenCount + random.Next(256) : random.Next(Llama3Tokenizer.RegularTokenCount))
                .ToArray();
            Assert.Equal(reference.Decode(ids), Fast.Decode(ids));
        }
    }

    [SkippableFact]
    public void Encoding_just_enough_gives_the_start_of_the_whole_encoding()
    {
        foreach (var text in Llama3Fixture.Prompts.Take(200).Concat(AdversarialText.Corpus(count: 500, maxAtoms: 200)))
        {
            var whole = Fast.Encode(text);
            foreach (int enough in new[] { 1, 7, 160 })
            {
                var start = new List<int>();
                Fast.Encode(text, start, enough);
                Assert.True(start.Count >= Math.Min(enough, whole.Count), "stopped before enough ids");
                Assert.Equal(whole.Take(start.Count), start);
            }
        }
    }

    [SkippableFact]
    public void The_piece_cache_counts_its_hits()
    {
        const string text = "a sentence the cache has not seen before, with a word like zzyzxqwv";
        var encoder = Fast;
        encoder.ResetStatistics();
        encoder.CountTokens(text + " 1");
        long firstHits = encoder.Hits, firstLookups = encoder.Lookups;
        Assert.True(firstLookups > 0 && firstHits < firstLookups);
        encoder.CountTokens(text + " 1");
        Assert.Equal(2 * firstLookups, encoder.Lookups);
        Assert.Equal(firstHits + firstLookups, encoder.Hits);
    }

    [SkippableFact]
    public void A_piece_cache_that_fills_and_starts_again_still_gives_the_reference_ids()
    {
        // 16 slots hold 8 pieces: clears, probes past taken slots, pieces that differ only after their eighth char,
        // and pieces too long, not ASCII or of over three ids for a slot, all within a few texts.
        var small = NewEncoder(pieceCacheSlotBits: 4);
        var reference = Llama3Fixture.Tokenizer;
        var alike = Enumerable.Range(0, 200).Select(i => $" Refrigera{(char)('a' + i % 26)}{(char)('a' + i / 26)} refrigera{i}");
        var texts = Llama3Fixture.Prompts.Take(50).Concat(AdversarialText.Corpus(count: 1_000)).Append(string.Concat(alike)).ToList();
        foreach (var text in texts.Concat(texts)) Assert.Equal(reference.Encode(text), small.Encode(text));
        Assert.True(small.Hits > 0 && small.Hits < small.Lookups);
    }

    [SkippableFact]
    public void A_piece_one_thread_has_encoded_is_a_cache_hit_on_another()
    {
        var encoder = NewEncoder();
        string text = string.Join(' ', Llama3Fixture.Prompts.Take(20)) + " ünïcödé and a lengthyunslottableword";
        var first = new Thread(() => encoder.Encode(text));
        first.Start();
        first.Join();
        encoder.ResetStatistics();
        IReadOnlyList<int>? ids = null;
        var second = new Thread(() => ids = encoder.Encode(text));
        second.Start();
        second.Join();
        Assert.Equal(Llama3Fixture.Tokenizer.Encode(text), ids);
        Assert.True(encoder.Lookups > 0);
        Assert.Equal(encoder.Lookups, encoder.Hits);
    }

    /// <summary>An encoder of its own (empty caches), on the vocabulary of the shared tokenizer.model.</summary>
    private static Llama3Encoder NewEncoder(int pieceCacheSlotBits = 18)
    {
        var ranks = File.ReadLines(Llama3Fixture.ModelPath).Where(line => line.Length > 0)
            .Select(line => Convert.FromBase64String(line[..line.IndexOf(' ')])).ToArray();
        return new Llama3Encoder(ranks, Llama3Tokenizer.SpecialTokens(), "own caches", pieceCacheSlotBits);
    }

    [SkippableFact]
    public void A_piece_cache_size_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Llama3Encoder([], new Dictionary<string, int>(), "none", pieceCacheSlotBits: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Llama3Encoder([], new Dictionary<string, int>(), "none", pieceCacheSlotBits: 25));
    }

    [SkippableFact]
    public void An_unknown_id_is_refused_clearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fast.Decode(new[] { Llama3Tokenizer.RegularTokenCount + 256 }));
    }
}
