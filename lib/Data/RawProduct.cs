using PricerLib.Text;

namespace PricerLib.Data;

/// <summary>
/// One Amazon Reviews 2023 metadata row, in the shape the course's Hugging Face loader hands to <c>Item</c>.
/// </summary>
/// <param name="Title">Product title; null when the row had none (a counted skip, not a crash).</param>
/// <param name="MainCategory">The row's <c>main_category</c>, if any.</param>
/// <param name="Price">The price as text, as the Hugging Face form stores it ("None" or a number's text); null when absent.</param>
/// <param name="Description">Description paragraphs.</param>
/// <param name="Features">Feature bullet points.</param>
/// <param name="Details">The <c>details</c> object serialised exactly as Python's <c>json.dumps</c> does; null or empty when absent.</param>
public sealed record RawProduct(
    string? Title,
    string? MainCategory,
    string? Price,
    IReadOnlyList<string> Description,
    IReadOnlyList<string> Features,
    string? Details)
{
    /// <summary>The price as the course reads it (Python's <c>float()</c>), or null where that fails.</summary>
    public double? ParsedPrice => PythonFloat.TryParse(Price, out var price) ? price : null;

    /// <summary>
    /// Characters (code points) of title, description, features and details together: the course's day-1 measure of
    /// how much text a product has.
    /// </summary>
    public int ContentLength =>
        PythonString.Length(Title) + Description.Sum(d => PythonString.Length(d)) + Features.Sum(f => PythonString.Length(f))
        + PythonString.Length(Details);
}
