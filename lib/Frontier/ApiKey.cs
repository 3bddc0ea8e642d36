namespace PricerLib.Frontier;

/// <summary>
/// An API key read from its environment variable when a pricer is composed. It is never printed: <see cref="ToString"/>
/// names the variable only, and <see cref="Redact"/> scrubs the key out of any text an endpoint sends back.
/// </summary>
public sealed class ApiKey
{
    private readonly string _value;

    private ApiKey(string variable, string value)
    {
        Variable = variable;
        _value = value;
    }

    /// <summary>The environment variable the key came from (safe to show).</summary>
    public string Variable { get; }

    /// <summary>True when the variable was set; false for a placeholder (local servers need no key).</summary>
    public bool IsSet => _value.Length > 0;

    /// <summary>The key, for the SDK's credential only.</summary>
    internal string Value => IsSet ? _value : "no-key";

    /// <summary>Reads <paramref name="variable"/>; an unset or empty variable gives a key that <see cref="IsSet"/> is false for.</summary>
    public static ApiKey FromEnvironment(string variable) =>
        new(variable, Environment.GetEnvironmentVariable(variable)?.Trim() ?? "");

    /// <summary>A key given directly (tests, a notebook's user-secrets); <paramref name="variable"/> names where it came from.</summary>
    public static ApiKey Of(string variable, string value) => new(variable, value.Trim());

    /// <summary>
    /// <paramref name="text"/> with the key, and any run of its last 8+ characters (how providers echo masked keys), replaced by "***".
    /// </summary>
    public string Redact(string text)
    {
        if (!IsSet || string.IsNullOrEmpty(text)) return text;
        text = text.Replace(_value, "***", StringComparison.Ordinal);
        return _value.Length >= 12 ? text.Replace(_value[^8..], "***", StringComparison.Ordinal) : text;
    }

    /// <summary>The variable's name, never the key.</summary>
    public override string ToString() => $"${Variable}";
}
