using System.Globalization;

namespace PricerLib.Local.Gguf;

/// <summary>
/// One GGUF metadata value with its stored type: llama.cpp checks types, not just values (an <c>adapter.lora.alpha</c>
/// stored as f64 aborts it), so the type travels with the value.
/// </summary>
/// <param name="Type">The stored type tag.</param>
/// <param name="Value">byte, sbyte, ushort, short, uint, int, float, bool, string, ulong, long or double; for arrays an
/// <see cref="IReadOnlyList{T}"/> of those.</param>
/// <param name="ElementType">The element type of an array; null otherwise.</param>
public sealed record GgufValue(GgufValueType Type, object Value, GgufValueType? ElementType = null)
{
    /// <summary>A string value.</summary>
    public static GgufValue String(string value) => new(GgufValueType.String, value);
    /// <summary>An f32 value.</summary>
    public static GgufValue Float32(float value) => new(GgufValueType.Float32, value);
    /// <summary>A u32 value.</summary>
    public static GgufValue UInt32(uint value) => new(GgufValueType.UInt32, value);
    /// <summary>An array of <paramref name="elementType"/> values.</summary>
    public static GgufValue Array(GgufValueType elementType, IReadOnlyList<object> values) => new(GgufValueType.Array, values, elementType);

    /// <summary>The value as an integer, for any integer type; null for other types.</summary>
    public long? AsInteger() => Value switch
    {
        byte or sbyte or ushort or short or uint or int or long => Convert.ToInt64(Value, CultureInfo.InvariantCulture),
        ulong u when u <= long.MaxValue => (long)u,
        _ => null,
    };

    /// <summary>The array's elements (empty for a scalar).</summary>
    public IReadOnlyList<object> Elements => Value as IReadOnlyList<object> ?? [];

    /// <summary>Short text for listings: scalars as they are, arrays as their type and length.</summary>
    public override string ToString() => Type == GgufValueType.Array
        ? $"[{ElementType} × {Elements.Count}]"
        : Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "";
}
