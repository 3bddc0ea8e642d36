using System.Text;

namespace PricerLib.Data.Demo;

/// <summary>The blanks a demo text template can hold, written <c>{brand}</c>, <c>{TIER}</c>, …</summary>
internal enum Slot { Brand, Noun, Material, Size, Use, Color, Watts, Pack, Warranty, Tier, TierUpper, Series, CategoryLabel }

/// <summary>
/// A text with <c>{slot}</c> blanks, parsed once so that filling it is a few appends (the generator fills
/// millions of them; repeated <see cref="string.Replace(string, string)"/> calls would dominate its time).
/// </summary>
internal sealed class TextTemplate
{
    private static readonly Dictionary<string, Slot> Names = new(StringComparer.Ordinal)
    {
        ["brand"] = Slot.Brand, ["noun"] = Slot.Noun, ["material"] = Slot.Material, ["size"] = Slot.Size,
        ["use"] = Slot.Use, ["color"] = Slot.Color, ["watts"] = Slot.Watts, ["pack"] = Slot.Pack,
        ["warranty"] = Slot.Warranty, ["tier"] = Slot.Tier, ["TIER"] = Slot.TierUpper, ["series"] = Slot.Series,
        ["category_label"] = Slot.CategoryLabel,
    };

    private readonly (string Literal, Slot? Slot)[] _parts;

    private TextTemplate((string, Slot?)[] parts) => _parts = parts;

    /// <summary>Parses <paramref name="text"/>; an unknown <c>{name}</c> is a vocabulary error.</summary>
    public static TextTemplate Parse(string text)
    {
        var parts = new List<(string, Slot?)>();
        int at = 0;
        while (text.IndexOf('{', at) is var open and >= 0)
        {
            int close = text.IndexOf('}', open);
            var name = close < 0 ? text[open..] : text[(open + 1)..close];
            if (close < 0 || !Names.TryGetValue(name, out var slot))
                throw new FormatException($"demo vocabulary template has an unknown blank {{{name}}}: {text}");
            parts.Add((text[at..open], slot));
            at = close + 1;
        }
        parts.Add((text[at..], null));
        return new TextTemplate([.. parts]);
    }

    /// <summary>Appends the template to <paramref name="output"/> with each blank filled from <paramref name="values"/>.</summary>
    public void Render(StringBuilder output, string[] values)
    {
        foreach (var (literal, slot) in _parts)
        {
            output.Append(literal);
            if (slot is { } s) output.Append(values[(int)s]);
        }
    }
}
