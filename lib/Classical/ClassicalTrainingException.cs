namespace PricerLib.Classical;

/// <summary>A classical model that cannot be trained on the items given (too few for its kind).</summary>
public sealed class ClassicalTrainingException(string message) : PricerException(message)
{
    /// <summary>Fewest training items the tree models take: below it the trees have next to nothing to split.</summary>
    public const int MinimumForTrees = 10;

    /// <summary>Throws when <paramref name="count"/> items are too few for a tree model.</summary>
    public static void RequireForTrees(string kind, int count)
    {
        if (count < MinimumForTrees)
            throw new ClassicalTrainingException($"Pricer '{kind}' needs at least {MinimumForTrees} training items to grow trees; it got {count}.");
    }
}
