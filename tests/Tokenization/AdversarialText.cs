using System.Text;

namespace PricerLib.Tests.Tokenization;

/// <summary>
/// Generated strings built to hit every branch of Llama 3's split pattern: mixed scripts, letters and digits outside
/// the Basic Multilingual Plane, CR/LF and other white-space runs, lone surrogates, contractions with case variants
/// (ſ folds to s, the Kelvin sign to k), combining marks, special tokens whole and broken. Deterministic.
/// </summary>
internal static class AdversarialText
{
    private static readonly string[] Atoms =
    [
        // ASCII letters, digits, punctuation and the contraction letters in both cases.
        "a", "Z", "x", "s", "S", "t", "T", "re", "RE", "rE", "ve", "VE", "m", "M", "ll", "LL", "lL", "d", "D", "e", "r", "v", "l",
        "0", "7", "42", "123", "9999", "'", "'", "''", ".", ",", "!", "?", "$", "%", "-", "(", ")", "\"", "<", ">", "|", "_", "/",
        // Case variants that fold to ASCII under (?i) in some engines: ſ (s), Kelvin sign (k), dotted/dotless i.
        "ſ", "\u212A", "k", "K", "\u0130", "\u0131",
        // White space: space, tabs, CR/LF runs, NBSP, NEL, line/paragraph separators, ideographic space, FS..US (not \s in .NET).
        " ", " ", "  ", "\t", "\r", "\n", "\r\n", "\n\n", "\r\r\n", " \n", "\u00A0", "\u0085", "\u2028", "\u2029", "\u3000", "\u001C", "\u000B", "\u000C",
        // Other scripts and classes: CJK, Arabic, Devanagari with a combining mark (Mn: neither letter nor number),
        // Arabic-Indic digits (Nd), Roman numeral (Nl), superscript two (No), modifier letter, titlecase letter.
        "镇", "日本語", "مرحبا", "\u0661\u0662", "नमस्ते", "\u0301", "Ⅻ", "²", "ʰ", "ǅ", "ª", "\u00B5", "€", "™", "°",
        // Outside the BMP: bold letters and digits, a Deseret letter, emoji (So), a variation selector, ZWJ.
        "𝐁", "𝐨𝐥𝐝", "𝟏𝟐", "𐐀", "🦙", "😀", "👍🏽", "\uFE0F", "\u200D",
        // Lone surrogates, high and low.
        "\uD835", "\uDC00", "\uD83D\uD83D",
        // Special tokens, whole and broken.
        "<|eot_id|>", "<|begin_of_text|>", "<|", "|>", "<|eot_id", "<|not_a_token|>", "<|reserved_special_token_10|>",
    ];

    /// <summary><paramref name="count"/> strings of up to <paramref name="maxAtoms"/> atoms, from <paramref name="seed"/>.</summary>
    public static IEnumerable<string> Corpus(int count = 20_000, int maxAtoms = 24, int seed = 11)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Clear();
            int atoms = random.Next(maxAtoms + 1);
            for (int k = 0; k < atoms; k++) text.Append(Atoms[random.Next(Atoms.Length)]);
            yield return text.ToString();
        }
    }
}
