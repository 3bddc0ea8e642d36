using System.Text.Json.Serialization;

namespace PricerLib.Evaluation;

/// <summary>The course's traffic-light colour of one guess.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HitColor>))]
public enum HitColor
{
    /// <summary>A hit: error under $40 or under 20% of the truth.</summary>
    Green,
    /// <summary>Close: error under $80 or under 40% of the truth.</summary>
    Orange,
    /// <summary>A miss.</summary>
    Red,
}

/// <summary>
/// One scored item of a run, in the order of the test items. A failed item (the predictor threw, or gave a
/// non-finite price) has <see cref="FailedReason"/> set, no guess, and is left out of the metrics.
/// </summary>
public sealed record ItemResult
{
    /// <summary>Zero-based position among the test items (the course prints <c>Index + 1</c>).</summary>
    public required int Index { get; init; }

    /// <summary>The item's full title (cut only when printed).</summary>
    public required string Title { get; init; }

    /// <summary>The true price.</summary>
    public required double Truth { get; init; }

    /// <summary>The predicted price; null when the item failed.</summary>
    public double? Guess { get; init; }

    /// <summary>|guess − truth|.</summary>
    public double? Error { get; init; }

    /// <summary>(ln(truth + 1) − ln(guess + 1))², the course's formula; see <see cref="Scoring.SquaredLogError"/>.</summary>
    public double? Sle { get; init; }

    /// <summary>The course's colour of the guess; null when the item failed.</summary>
    public HitColor? Color { get; init; }

    /// <summary>The model's text reply, where the predictor answered in text.</summary>
    public string? Reply { get; init; }

    /// <summary>Why the item could not be scored; null when it was.</summary>
    public string? FailedReason { get; init; }

    /// <summary>Seconds the predictor took on this item.</summary>
    public double Seconds { get; init; }

    /// <summary>What the prediction cost in US dollars, where the pricer knows it.</summary>
    public double? CostUsd { get; init; }

    /// <summary>True when the item could not be scored.</summary>
    [JsonIgnore]
    public bool Failed => FailedReason is not null;
}
