namespace PricerLib.Local.Gguf;

/// <summary>The type tag of a GGUF metadata value (GGUF spec, <c>gguf_type</c>).</summary>
public enum GgufValueType : uint
{
    /// <summary>u8</summary>
    UInt8 = 0,
    /// <summary>i8</summary>
    Int8 = 1,
    /// <summary>u16</summary>
    UInt16 = 2,
    /// <summary>i16</summary>
    Int16 = 3,
    /// <summary>u32</summary>
    UInt32 = 4,
    /// <summary>i32</summary>
    Int32 = 5,
    /// <summary>f32</summary>
    Float32 = 6,
    /// <summary>bool (one byte)</summary>
    Bool = 7,
    /// <summary>UTF-8 string with a u64 length</summary>
    String = 8,
    /// <summary>element type, u64 count, elements</summary>
    Array = 9,
    /// <summary>u64</summary>
    UInt64 = 10,
    /// <summary>i64</summary>
    Int64 = 11,
    /// <summary>f64</summary>
    Float64 = 12,
}
