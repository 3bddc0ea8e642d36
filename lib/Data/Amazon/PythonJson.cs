using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace PricerLib.Data.Amazon;

/// <summary>
/// Serialises JSON exactly as Python's <c>json.dumps(obj)</c> does with its defaults: <c>", "</c> and <c>": "</c>
/// separators, keys in input order (a repeated key keeps its first place and its last value, as a Python dict does),
/// <c>ensure_ascii</c> escapes with lowercase hex, integers as written, floats as <c>repr(float)</c>.
/// </summary>
/// <remarks>
/// Hand-written because no .NET serializer reproduces Python's format (System.Text.Json and Newtonsoft use other
/// separators, uppercase or no escapes, and .NET's float formatting). The Hugging Face form of the Amazon Reviews 2023
/// metadata stores <c>details</c> this way, and the course's prompts contain that text, so it must match byte for byte.
/// </remarks>
public static class PythonJson
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>The text Python's <c>json.dumps</c> gives for the value <c>json.loads</c> makes of <paramref name="element"/>.</summary>
    public static string Dumps(JsonElement element)
    {
        var output = new StringBuilder();
        Write(element, output);
        return output.ToString();
    }

    /// <summary>
    /// <c>json.dumps(d)</c> after <c>d.pop(key, None)</c> for each of <paramref name="removed"/>, where
    /// <paramref name="dictionary"/> is a JSON object: the 2025 course's parser drops unimportant details this way.
    /// </summary>
    public static string DumpsWithout(JsonElement dictionary, IReadOnlyCollection<string> removed)
    {
        var output = new StringBuilder();
        WriteObject(dictionary, output, removed);
        return output.ToString();
    }

    /// <summary>
    /// The <c>json.dumps</c> text of the value <paramref name="reader"/> is at (a start token is read through to its
    /// end), straight from the tokens; null where an object repeats a key or escapes one, since a dict keeps a repeated
    /// key's first place and last value: <see cref="Dumps(JsonElement)"/> of the parsed value says that.
    /// </summary>
    public static string? TryDumps(ref Utf8JsonReader reader)
    {
        var output = t_output ??= new StringBuilder(1024);
        output.Clear();
        var keys = t_keys ??= [];
        keys.Clear();
        return TryWrite(ref reader, output, keys) ? output.ToString() : null;
    }

    // One per thread, reused: the text is built in place and copied out once.
    [ThreadStatic] private static StringBuilder? t_output;
    [ThreadStatic] private static List<int>? t_keys;

    /// <summary>Writes the value at the reader; <paramref name="keys"/> holds the hashes of the open objects' keys.</summary>
    private static bool TryWrite(ref Utf8JsonReader reader, StringBuilder output, List<int> keys)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                int frame = keys.Count;
                output.Append('{');
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueIsEscaped) return false;
                    var hash = new HashCode();
                    hash.AddBytes(reader.ValueSpan);
                    int key = hash.ToHashCode();
                    // Equal hashes may be a collision, not a repeat: then the slower way, which is exact either way.
                    if (keys.IndexOf(key, frame) >= 0) return false;
                    if (keys.Count > frame) output.Append(", ");
                    keys.Add(key);
                    WriteString(reader.ValueSpan, output);
                    output.Append(": ");
                    reader.Read();
                    if (!TryWrite(ref reader, output, keys)) return false;
                }
                keys.RemoveRange(frame, keys.Count - frame);
                output.Append('}');
                return true;
            case JsonTokenType.StartArray:
                output.Append('[');
                bool first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first) output.Append(", ");
                    first = false;
                    if (!TryWrite(ref reader, output, keys)) return false;
                }
                output.Append(']');
                return true;
            case JsonTokenType.String:
                WriteString(reader.ValueSpan, output); // the raw value, still escaped, without its quotes
                return true;
            case JsonTokenType.Number:
                WriteNumber(Encoding.UTF8.GetString(reader.ValueSpan), output);
                return true;
            case JsonTokenType.True:
                output.Append("true");
                return true;
            case JsonTokenType.False:
                output.Append("false");
                return true;
            case JsonTokenType.Null:
                output.Append("null");
                return true;
            default:
                return false;
        }
    }

    /// <summary>Appends the <c>json.dumps</c> text of <paramref name="element"/> to <paramref name="output"/>.</summary>
    public static void Write(JsonElement element, StringBuilder output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output, []);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                bool first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) output.Append(", ");
                    first = false;
                    Write(item, output);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                WriteString(raw[1..^1], output); // the raw value includes its quotes
                break;
            case JsonValueKind.Number:
                WriteNumber(element.GetRawText(), output);
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            default:
                throw new ArgumentException($"Cannot serialise a JSON {element.ValueKind}.", nameof(element));
        }
    }

    /// <summary>
    /// Python's <c>repr(float)</c>: the shortest text that reads back as the same double, in exponent form
    /// (<c>1e+16</c>, <c>1.5e-05</c>) when the decimal exponent is below −4 or at least 16, else with a
    /// fraction (<c>1.0</c>, <c>0.0001</c>); <c>json.dumps</c> writes infinities as <c>Infinity</c>.
    /// </summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";

        // .NET's "R" is also the shortest round-trip form; only the layout differs from Python's.
        var (digits, exponent) = ShortestDigits(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var text = new StringBuilder();
        if (double.IsNegative(value)) text.Append('-');
        if (exponent < -4 || exponent >= 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1) text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exponent >= 0)
        {
            if (digits.Length <= exponent + 1) text.Append(digits).Append('0', exponent + 1 - digits.Length).Append(".0");
            else text.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
        }
        else
        {
            text.Append("0.").Append('0', -exponent - 1).Append(digits);
        }
        return text.ToString();
    }

    /// <summary>Significant digits (no trailing zeros) and decimal exponent of .NET's "R" text of a non-negative double.</summary>
    private static (string Digits, int Exponent) ShortestDigits(string r)
    {
        int exponentAt = r.IndexOfAny(['E', 'e']);
        string mantissa = exponentAt < 0 ? r : r[..exponentAt];
        int extra = exponentAt < 0 ? 0 : int.Parse(r[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        string integral = point < 0 ? mantissa : mantissa[..point];
        string fraction = point < 0 ? "" : mantissa[(point + 1)..];
        string all = (integral + fraction).TrimStart('0');
        if (all.Length == 0) return ("0", 0);
        int leadingZeros = integral.Length + fraction.Length - all.Length;
        int exponent = integral.Length - 1 - leadingZeros + extra;
        string digits = all.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, exponent);
    }

    private static void WriteObject(JsonElement element, StringBuilder output, IReadOnlyCollection<string> removed)
    {
        // A Python dict keeps a repeated key at its first position with its last value.
        var properties = new List<JsonProperty>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (removed.Contains(property.Name)) continue;
            if (positions.TryGetValue(property.Name, out int at)) properties[at] = property;
            else
            {
                positions[property.Name] = properties.Count;
                properties.Add(property);
            }
        }

        output.Append('{');
        for (int i = 0; i < properties.Count; i++)
        {
            if (i > 0) output.Append(", ");
            WriteString(JsonMarshal.GetRawUtf8PropertyName(properties[i]), output);
            output.Append(": ");
            Write(properties[i].Value, output);
        }
        output.Append('}');
    }

    private static void WriteNumber(string raw, StringBuilder output)
    {
        bool isInteger = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (isInteger) output.Append(raw == "-0" ? "0" : raw); // Python's int keeps every digit; JSON forbids leading zeros
        else output.Append(FloatRepr(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Writes a JSON string from its raw, still-escaped UTF-8 content. Working on the raw bytes keeps lone surrogate
    /// escapes (which Python accepts and System.Text.Json refuses to decode) exactly as Python writes them back.
    /// </summary>
    private static void WriteString(ReadOnlySpan<byte> escaped, StringBuilder output)
    {
        output.Append('"');
        Span<char> units = stackalloc char[2];
        int i = 0;
        while (i < escaped.Length)
        {
            byte b = escaped[i];
            if (b == '\\')
            {
                char unescaped = escaped[i + 1] switch
                {
                    (byte)'u' => (char)int.Parse(escaped.Slice(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    var other => (char)other, // \" \\ \/
                };
                AppendEscaped(unescaped, output);
                i += escaped[i + 1] == 'u' ? 6 : 2;
            }
            else if (b < 0x80)
            {
                AppendEscaped((char)b, output);
                i++;
            }
            else
            {
                System.Buffers.OperationStatus status = Rune.DecodeFromUtf8(escaped[i..], out var rune, out int consumed);
                if (status != System.Buffers.OperationStatus.Done) rune = Rune.ReplacementChar; // unreachable: the parser validated UTF-8
                int count = rune.EncodeToUtf16(units);
                for (int u = 0; u < count; u++) AppendEscaped(units[u], output);
                i += consumed;
            }
        }
        output.Append('"');
    }

    private static void AppendEscaped(char c, StringBuilder output)
    {
        switch (c)
        {
            case '"': output.Append("\\\""); return;
            case '\\': output.Append("\\\\"); return;
            case '\n': output.Append("\\n"); return;
            case '\r': output.Append("\\r"); return;
            case '\t': output.Append("\\t"); return;
            case '\b': output.Append("\\b"); return;
            case '\f': output.Append("\\f"); return;
        }
        if (c >= ' ' && c <= '~') output.Append(c);
        else output.Append("\\u").Append(HexDigits[c >> 12]).Append(HexDigits[(c >> 8) & 0xF])
            .Append(HexDigits[(c >> 4) & 0xF]).Append(HexDigits[c & 0xF]);
    }
}
