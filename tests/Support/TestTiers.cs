namespace PricerLib.Tests.Support;

/// <summary>
/// The trait that splits the suite into tiers: <c>[Trait(TestTiers.Category, TestTiers.Slow)]</c> marks what the
/// edit-test loop leaves out with <c>--filter "Category!=Slow"</c> (README, "Tests").
/// </summary>
public static class TestTiers
{
    /// <summary>The trait's name.</summary>
    public const string Category = "Category";

    /// <summary>Runs notebooks, Chromium, other processes or models, or otherwise takes over a second.</summary>
    public const string Slow = "Slow";
}
