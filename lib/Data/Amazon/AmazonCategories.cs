namespace PricerLib.Data.Amazon;

/// <summary>The categories of the Amazon Reviews 2023 metadata (one <c>meta_&lt;Category&gt;.jsonl</c> file each).</summary>
public static class AmazonCategories
{
    /// <summary>Every category name, as the dataset spells it.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "All_Beauty", "Amazon_Fashion", "Appliances", "Arts_Crafts_and_Sewing", "Automotive", "Baby_Products",
        "Beauty_and_Personal_Care", "Books", "CDs_and_Vinyl", "Cell_Phones_and_Accessories", "Clothing_Shoes_and_Jewelry",
        "Digital_Music", "Electronics", "Gift_Cards", "Grocery_and_Gourmet_Food", "Handmade_Products", "Health_and_Household",
        "Health_and_Personal_Care", "Home_and_Kitchen", "Industrial_and_Scientific", "Kindle_Store", "Magazine_Subscriptions",
        "Movies_and_TV", "Musical_Instruments", "Office_Products", "Patio_Lawn_and_Garden", "Pet_Supplies", "Software",
        "Sports_and_Outdoors", "Subscription_Boxes", "Tools_and_Home_Improvement", "Toys_and_Games", "Video_Games", "Unknown",
    ];

    /// <summary>The eight categories of the course's 2024 dataset.</summary>
    public static IReadOnlyList<string> Course { get; } =
    [
        "Automotive", "Electronics", "Office_Products", "Tools_and_Home_Improvement",
        "Cell_Phones_and_Accessories", "Toys_and_Games", "Appliances", "Musical_Instruments",
    ];

    /// <summary>
    /// The dataset's spelling of <paramref name="name"/> (matched ignoring case); throws <see cref="ArgumentException"/>
    /// naming the closest known categories for an unknown one.
    /// </summary>
    public static string Validate(string name)
    {
        var match = All.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        var similar = All.Where(c => c.Contains(name, StringComparison.OrdinalIgnoreCase)
                                     || name.Contains(c, StringComparison.OrdinalIgnoreCase)).ToList();
        var hint = similar.Count > 0 ? $"did you mean {string.Join(" or ", similar)}?" : $"known categories: {string.Join(", ", All)}";
        throw new ArgumentException($"Unknown Amazon Reviews 2023 category '{name}'; {hint}", nameof(name));
    }
}
