using PricerLib.Pricers;
using PricerLib.Text;

namespace PricerLib.Local;

/// <summary>One next-token candidate.</summary>
/// <param name="Token">Its id.</param>
/// <param name="Text">Its text as the tokenizer decodes it alone (e.g. " 12", "12").</param>
/// <param name="Probability">Softmax over the whole vocabulary.</param>
public sealed record TokenCandidate(int Token, string Text, double Probability);

/// <summary>The arithmetic of the course's week-7 "improved" method, apart from any model so it can be tested exactly.</summary>
public static class NextTokenMath
{
    /// <summary>
    /// The <paramref name="k"/> most probable tokens after softmax over all of <paramref name="logits"/> (computed in
    /// double, max-subtracted), most probable first; ties keep the lower id first, as <c>torch.topk</c> usually does.
    /// </summary>
    public static IReadOnlyList<(int Token, double Probability)> TopK(ReadOnlySpan<float> logits, int k)
    {
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive.");
        float max = float.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double sum = 0;
        foreach (var l in logits) sum += Math.Exp(l - max);
        var best = new List<(int Token, float Logit)>(k + 1);
        for (int i = 0; i < logits.Length; i++)
        {
            if (best.Count == k && logits[i] <= best[^1].Logit) continue;
            int at = best.Count;
            while (at > 0 && logits[i] > best[at - 1].Logit) at--;
            best.Insert(at, (i, logits[i]));
            if (best.Count > k) best.RemoveAt(k);
        }
        return best.Select(b => (b.Token, Math.Exp(b.Logit - max) / sum)).ToList();
    }

    /// <summary>The weighted guess with its candidates as its reply ("12 (0.5), 13 (0.25)"), in the invariant culture.</summary>
    public static PriceGuess WeightedGuess(IReadOnlyList<TokenCandidate> candidates) => new(
        WeightedPrice(candidates),
        string.Join(", ", candidates.Select(c => $"{c.Text.Trim()} ({c.Probability.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)})")));

    /// <summary>
    /// The course's weighted price: of the candidates, keep those whose text Python's <c>float()</c> reads as a finite
    /// number &gt; 0, and return the mean of those numbers weighted by their probabilities renormalised over the kept
    /// ones; 0 when none is kept. The course's <c>result &gt; 0</c> test would also keep "inf" (its mean is then
    /// infinite); this keeps finite numbers only, so one odd token cannot make a guess infinite.
    /// </summary>
    public static double WeightedPrice(IEnumerable<TokenCandidate> candidates)
    {
        double weighted = 0, total = 0;
        foreach (var c in candidates)
        {
            if (!PythonFloat.TryParse(c.Text, out var value) || !double.IsFinite(value) || value <= 0) continue;
            weighted += value * c.Probability;
            total += c.Probability;
        }
        return total > 0 ? weighted / total : 0;
    }
}
