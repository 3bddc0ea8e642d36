using PricerLib.Tokenization;

namespace PricerLib.Tests.Tokenization;

/// <summary>
/// The cut's shortcuts against the encoder's plain answers: decoding the first ids without decoding, and counting a
/// text that starts like the encoded one, on adversarial text and texts built to share its start in awkward ways.
/// </summary>
public sealed class Llama3CutTests
{
    private static Llama3Encoder Encoder => Llama3Fixture.Tokenizer.Fast;

    [SkippableFact]
    public void The_first_ids_decode_as_the_encoder_decodes_them_wherever_the_cut_falls()
    {
        var cut = new Llama3Cut(Encoder);
        foreach (var text in AdversarialText.Corpus(count: 1_500, maxAtoms: 60, seed: 21).Concat(Llama3Fixture.Prompts.Take(50)))
        {
            int count = cut.Encode(text, enough: 40);
            var ids = cut.Ids.ToArray();
            for (int n = 0; n <= count; n++) Assert.Equal(Encoder.Decode(ids.AsSpan(0, n)), cut.Decode(n));
        }
    }

    [SkippableFact]
    public void A_text_sharing_the_start_of_the_encoded_one_is_counted_as_the_encoder_counts_it()
    {
        var cut = new Llama3Cut(Encoder);
        var random = new Random(13);
        var suffixes = AdversarialText.Corpus(count: 100, maxAtoms: 8, seed: 23).Append("\n\nPrice is $12.00").ToArray();
        foreach (var text in AdversarialText.Corpus(count: 1_500, maxAtoms: 60, seed: 19).Concat(Llama3Fixture.Prompts.Take(50)))
        {
            int count = cut.Encode(text, enough: random.Next(1, 60));
            foreach (var other in Variants(text, cut.Decode(random.Next(count + 1)), random, suffixes))
                Assert.Equal(Encoder.CountTokens(other), cut.CountTokens(other));
        }
    }

    /// <summary>Texts that agree with <paramref name="text"/> for a while and then do not: cut, cleaned, extended.</summary>
    private static IEnumerable<string> Variants(string text, string decoded, Random random, string[] suffixes)
    {
        string suffix = suffixes[random.Next(suffixes.Length)];
        string prefix = text[..random.Next(text.Length + 1)];
        yield return text;
        yield return decoded;
        yield return decoded + suffix;
        yield return HuggingFaceDecoding.CleanUpTokenizationSpaces(decoded) + suffix;
        yield return prefix;
        yield return prefix + suffix;
        yield return prefix + " " + suffix;
        yield return prefix + (random.Next(3) switch { 0 => "\n", 1 => "  ", _ => "\r\n " }) + suffix;
        yield return suffix + text;
    }
}
