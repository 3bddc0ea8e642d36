using System.Globalization;
using PricerLib.Classical2025;
using PricerLib.Editions;

namespace PricerLib.Notebooks;

/// <summary>
/// How much notebook 03 trains its baselines on. The 2025 course trains on <c>items_lite</c>'s 20,000 items, its
/// random forest on the first 15,000 and XGBoost (<c>gbdt</c> here) for 1,000 rounds: a 2025 run on real data keeps
/// those. On the synthetic demo catalogue the notebook trains on 1,500 items, and the forest's subset and the
/// boosting rounds shrink in the same proportion, so the notebook stays quick (the numbers are meaningless there
/// anyway). The 2024 notebook trains on 1,500 items and passes the kinds' own defaults.
/// </summary>
/// <param name="TrainItems">The first training items the baselines see.</param>
/// <param name="ForestSubset">The first training items the 2025 <c>forest</c> is grown on.</param>
/// <param name="BoostingRounds">The 2025 <c>gbdt</c>'s rounds.</param>
public sealed record BaselineSizes(int TrainItems, int ForestSubset, int BoostingRounds)
{
    /// <summary>The training items of the course's 2025 <c>items_lite</c>.</summary>
    public const int CourseTrainItems = 20_000;

    /// <summary>What notebook 03 trains on in any edition on the demo catalogue, and in 2024 on real data.</summary>
    public const int QuickTrainItems = 1_500;

    /// <summary>The 2025 course's sizes.</summary>
    public static BaselineSizes Course2025 { get; } =
        new(CourseTrainItems, SummaryTreesPriceModel.ForestSubset, SummaryTreesPriceModel.CourseBoosting.Trees);

    /// <summary>The sizes for <paramref name="edition"/> on real data, or on the synthetic demo catalogue.</summary>
    public static BaselineSizes For(CourseEdition edition, bool synthetic) =>
        edition == CourseEdition.Course2025 && !synthetic ? Course2025 : Course2025.ScaledTo(QuickTrainItems);

    /// <summary>These sizes with the forest's subset and the rounds scaled to <paramref name="trainItems"/> (at least one each).</summary>
    public BaselineSizes ScaledTo(int trainItems)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainItems, 1);
        int Scaled(int size) => Math.Max(1, (int)((long)size * trainItems / TrainItems));
        return new(trainItems, Scaled(ForestSubset), Scaled(BoostingRounds));
    }

    /// <summary>The options that carry these sizes to <paramref name="spec"/>'s kind (<c>forest</c>'s subset, <c>gbdt</c>'s rounds); null for the others.</summary>
    public IReadOnlyDictionary<string, string?>? OptionsFor(string spec) => spec switch
    {
        "forest" when ForestSubset != Course2025.ForestSubset => new Dictionary<string, string?> { ["subset"] = Text(ForestSubset) },
        "gbdt" when BoostingRounds != Course2025.BoostingRounds => new Dictionary<string, string?> { ["rounds"] = Text(BoostingRounds) },
        _ => null,
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
