namespace PricerLib.Evaluation;

/// <summary>The course's per-item formulas (2024 <c>Tester.run_datapoint</c> and <c>color_for</c>).</summary>
public static class Scoring
{
    /// <summary>
    /// Green if error &lt; $40 or error/truth &lt; 0.2; orange if error &lt; $80 or error/truth &lt; 0.4; else red.
    /// A zero truth makes the ratio +∞ (never under a threshold) instead of the course's ZeroDivisionError.
    /// </summary>
    public static HitColor Color(double error, double truth)
    {
        double ratio = error / truth;
        if (error < 40 || ratio < 0.2) return HitColor.Green;
        if (error < 80 || ratio < 0.4) return HitColor.Orange;
        return HitColor.Red;
    }

    /// <summary>
    /// (ln(truth + 1) − ln(guess + 1))², exactly the course's formula wherever it is defined (guess &gt; −1, negative
    /// guesses such as a linear regression's −0.5 included). At guess ≤ −1 the course's log fails (Python raises);
    /// there the guess counts as 0 (a negative price means "free" at best), so one wild guess cannot poison the RMSLE.
    /// The absolute error, MSE and r² always use the raw guess: the model was that far off.
    /// </summary>
    public static double SquaredLogError(double truth, double guess)
    {
        double diff = Math.Log(truth + 1) - Math.Log((guess > -1 ? guess : 0) + 1);
        return diff * diff;
    }

    /// <summary>
    /// The largest truth or guess (in dollars, either sign for a guess) that is scored. Beyond it the item fails:
    /// no product costs a billion dollars, and squares and sums of larger values overflow the metrics to ∞.
    /// </summary>
    public const double Largest = 1e9;

    /// <summary>
    /// Scores one guess. A truth that is negative, not finite or beyond <see cref="Largest"/> fails the item (prices are never negative).
    /// Non-finite guesses (NaN, ±∞ — a model can say anything) cannot be scored: the item is
    /// failed with a reason and left out of the metrics, because a single ∞ would make every average meaningless; so are
    /// guesses beyond ±<see cref="Largest"/>.
    /// </summary>
    public static ItemResult Score(int index, string title, double truth, double guess, string? reply = null, double seconds = 0, double? costUsd = null)
    {
        if (!double.IsFinite(truth) || truth < 0)
            return Failed(index, title, truth, $"the truth is not a non-negative number ({truth})", reply, seconds, costUsd);
        if (truth > Largest)
            return Failed(index, title, truth, $"the truth {truth:R} is beyond ${Largest:N0}, not a price", reply, seconds, costUsd);
        if (!double.IsFinite(guess))
            return Failed(index, title, truth, $"the guess is not a finite number ({guess})", reply, seconds, costUsd);
        if (Math.Abs(guess) > Largest)
            return Failed(index, title, truth, $"the guess {guess:R} is beyond ±${Largest:N0}, not a price", reply, seconds, costUsd);
        double error = Math.Abs(guess - truth);
        return new ItemResult
        {
            Index = index, Title = title, Truth = truth, Guess = guess, Error = error,
            Sle = SquaredLogError(truth, guess), Color = Color(error, truth),
            Reply = reply, Seconds = seconds, CostUsd = costUsd,
        };
    }

    /// <summary>An item that could not be scored, with the reason shown to the user.</summary>
    public static ItemResult Failed(int index, string title, double truth, string reason, string? reply = null, double seconds = 0, double? costUsd = null) =>
        new() { Index = index, Title = title, Truth = truth, FailedReason = reason, Reply = reply, Seconds = seconds, CostUsd = costUsd };
}
