using PricerLib.Classical;

namespace PricerLib.Tests.Classical;

public class TextFeatureTests
{
    [Fact]
    public void CountVectorizer_tokens_are_runs_of_two_or_more_python_word_characters()
    {
        // Python's \w takes '²' (a number) and '_' but not the combining accent; runs of one character are dropped.
        Assert.Equal(["hello", "world", "12", "x_y", "x²", "cafe"],
            PythonTokens.CountVectorizerTokens("Hello, WORLD! a 12 x_y x² cafe\u0301 𝐀"));
    }

    [Fact]
    public void Simple_preprocess_drops_digits_short_long_and_underscore_led_tokens()
    {
        Assert.Equal(["hello", "abc", "mx", "a_b", "fifteenletters_"],
            PythonTokens.SimplePreprocess("Hello 123abc mx5 a_b _ab x fifteenletters_ sixteenletters__"));
    }

    [Fact]
    public void Vocabulary_is_the_most_frequent_terms_after_stop_words_ties_alphabetical_columns_sorted()
    {
        string[] documents = ["the pump pump valve", "valve hose and the pump", "zebra hose", "apple"];
        var vectorizer = CountVectorizer.Fit(documents, maxFeatures: 3);
        // pump 3, hose 2, valve 2, apple 1, zebra 1: the top three, then in alphabetical column order.
        Assert.Equal(["hose", "pump", "valve"], vectorizer.Vocabulary);
        var row = vectorizer.Transform("Pump, PUMP and a hose");
        Assert.Equal([0, 1], row.Indices);
        Assert.Equal([1.0, 2.0], row.Values);
        Assert.Empty(vectorizer.Transform("never seen words").Indices);
        Assert.Equal(["apple", "hose", "pump", "valve"], CountVectorizer.Fit(documents, maxFeatures: 4).Vocabulary);
    }

    [Fact]
    public void Stop_list_is_scikit_learns()
    {
        Assert.Equal(317, EnglishStopWords.Words.Count);
        Assert.Contains("amongst", EnglishStopWords.Words);
        Assert.Contains("yourselves", EnglishStopWords.Words);
        Assert.DoesNotContain("pump", EnglishStopWords.Words);
    }
}
