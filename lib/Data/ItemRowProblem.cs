namespace PricerLib.Data;

/// <summary>Why a row of an items file could not become an <see cref="Item"/>.</summary>
public enum ItemRowProblem
{
    /// <summary>The line is not valid JSON.</summary>
    NotJson,
    /// <summary>The line is JSON but not an object.</summary>
    NotAnObject,
    /// <summary>A field has the wrong type (e.g. <c>title</c> is a number, <c>details</c> an object).</summary>
    WrongFieldType,
    /// <summary>No title, and none could be derived from a <c>text</c> field.</summary>
    MissingTitle,
    /// <summary>No price, or a null one.</summary>
    MissingPrice,
    /// <summary>The price is not a finite number (e.g. the string "$1,299.00").</summary>
    NonNumericPrice,
    /// <summary>The price is below zero.</summary>
    NegativePrice,
    /// <summary>No <c>prompt</c>, no <c>text</c>, and no 2025 <c>summary</c> to make one from.</summary>
    MissingPrompt,
    /// <summary>The line holds bytes that are not UTF-8 (as <c>curate</c> skips such raw rows).</summary>
    InvalidUtf8,
}
