using PricerLib.Data;
using PricerLib.Text;

namespace PricerLib.Editions;

/// <summary>
/// What differs between the editions in one place: the question prompts open with, how a prompt is made from an
/// item's text, the Tester's default size, and which course figures the leaderboard shows.
/// </summary>
public static class EditionFormat
{
    /// <summary>The 2025 edition's question (<c>QUESTION</c> in <c>week6/pricer/items.py</c> at 109b683e7).</summary>
    public const string Question2025 = "What does this cost to the nearest dollar?";

    /// <summary>The question a prompt of <paramref name="edition"/> opens with.</summary>
    public static string Question(this CourseEdition edition) =>
        edition == CourseEdition.Course2025 ? Question2025 : Item.Question;

    /// <summary>
    /// The course's <c>make_prompt(text)</c>: <c>f"{QUESTION}\n\n{text}\n\n{PREFIX}{round(price)}.00"</c> with Python's
    /// round (ties to even). The 2025 edition passes the item's summary; the 2024 curator builds its text itself.
    /// </summary>
    public static string MakePrompt(this CourseEdition edition, string text, double price) =>
        $"{edition.Question()}\n\n{text}\n\n{Item.Prefix}{PythonRound.ToIntegerString(price)}.00";

    /// <summary>The Tester's default number of items: 250 in 2024, 200 in 2025 (<c>DEFAULT_SIZE</c> in <c>evaluator.py</c>).</summary>
    public static int TestSize(this CourseEdition edition) => edition == CourseEdition.Course2025 ? 200 : 250;
}
