namespace PricerLib.Data;

/// <summary>Why an input row did not become an <see cref="Item"/>. Every skip is counted, none is silent.</summary>
public enum SkipReason
{
    /// <summary>The line is not valid JSON.</summary>
    MalformedJson,
    /// <summary>The line is JSON but not an object.</summary>
    NotAnObject,
    /// <summary>A field has the wrong JSON type (e.g. <c>features</c> is a number).</summary>
    WrongFieldType,
    /// <summary>No title.</summary>
    MissingTitle,
    /// <summary>Price null, missing or empty.</summary>
    NoPrice,
    /// <summary>Price text that Python's <c>float()</c> rejects ("None", "$1,299.00").</summary>
    UnparsablePrice,
    /// <summary>Price outside 0.50 – 999.49 (or NaN).</summary>
    PriceOutOfRange,
    /// <summary>Description, features and details together have 300 characters or fewer.</summary>
    TooFewCharacters,
    /// <summary>The scrubbed text has 150 tokens or fewer.</summary>
    TooFewTokens,
    /// <summary>2025 edition: the scrubbed full text has fewer than 600 characters.</summary>
    TooShortFullText,
    /// <summary>2025 edition: <c>details</c> is not a JSON object (the course's <c>json.loads</c> or <c>pop</c> would fail).</summary>
    UnreadableDetails,
    /// <summary>2025 edition: an "Item Weight" the course's <c>get_weight</c> cannot read (it would raise).</summary>
    UnreadableWeight,
    /// <summary>The input ended early (e.g. a truncated gzip); the rest of the file could not be read.</summary>
    TruncatedInput,
}
