namespace PricerLib.Frontier;

/// <summary>Where a key was found.</summary>
public enum KeySource
{
    /// <summary>Nowhere: the key is not set.</summary>
    None,
    /// <summary>Its environment variable.</summary>
    Environment,
    /// <summary>The workbook's .NET user-secrets store, under the variable's name.</summary>
    UserSecrets,
    /// <summary>Given directly by code (tests).</summary>
    Given,
}

/// <summary>
/// An API key read when a pricer is composed: from its environment variable, else from the workbook's .NET user-secrets
/// store under the same name. It is never printed: <see cref="ToString"/> names the variable and the source only, and
/// <see cref="Redact"/> scrubs the key out of any text an endpoint sends back.
/// </summary>
public sealed class ApiKey
{
    private readonly string _value;

    private ApiKey(string variable, string value, KeySource source)
    {
        Variable = variable;
        _value = value;
        Source = value.Length == 0 ? KeySource.None : source;
    }

    /// <summary>The variable the key came from (safe to show).</summary>
    public string Variable { get; }

    /// <summary>Where it was found (safe to show).</summary>
    public KeySource Source { get; }

    /// <summary>True when the variable was set; false for a placeholder (local servers need no key).</summary>
    public bool IsSet => _value.Length > 0;

    /// <summary>The key, for the SDK's credential only.</summary>
    internal string Value => IsSet ? _value : "no-key";

    /// <summary>Reads <paramref name="variable"/>; an unset or empty variable gives a key that <see cref="IsSet"/> is false for.</summary>
    public static ApiKey FromEnvironment(string variable) =>
        new(variable, Environment.GetEnvironmentVariable(variable)?.Trim() ?? "", KeySource.Environment);

    /// <summary>
    /// The key in <paramref name="variable"/>, else in <paramref name="secrets"/> (default: the workbook's user-secrets
    /// store) under that name; one that <see cref="IsSet"/> is false for when neither has it.
    /// </summary>
    /// <exception cref="FrontierException">The user-secrets file is damaged.</exception>
    public static ApiKey Find(string variable, WorkbookSecrets? secrets = null)
    {
        var fromEnvironment = FromEnvironment(variable);
        if (fromEnvironment.IsSet) return fromEnvironment;
        return new(variable, (secrets ?? WorkbookSecrets.Default).Get(variable)?.Trim() ?? "", KeySource.UserSecrets);
    }

    /// <summary>A key given directly (tests); <paramref name="variable"/> names where it came from.</summary>
    public static ApiKey Of(string variable, string value) => new(variable, value.Trim(), KeySource.Given);

    /// <summary>The key as the OpenAI SDK's credential, so a notebook can build its own client without the key in its text.</summary>
    public System.ClientModel.ApiKeyCredential ToCredential() => new(Value);

    /// <summary>"set (environment)", "set (user-secrets)" or "not set": all a notebook ever shows of a key.</summary>
    public string Status => Source switch
    {
        KeySource.None => "not set",
        KeySource.Environment => "set (environment)",
        KeySource.UserSecrets => "set (user-secrets)",
        _ => "set",
    };

    /// <summary>
    /// <paramref name="text"/> with the key, and any run of its last 8+ characters (how providers echo masked keys), replaced by "***".
    /// </summary>
    public string Redact(string text)
    {
        if (!IsSet || string.IsNullOrEmpty(text)) return text;
        text = text.Replace(_value, "***", StringComparison.Ordinal);
        return _value.Length >= 12 ? text.Replace(_value[^8..], "***", StringComparison.Ordinal) : text;
    }

    /// <summary>The variable's name (and the store, for a user secret), never the key.</summary>
    public override string ToString() => Source == KeySource.UserSecrets ? $"{Variable} (user-secrets {WorkbookSecrets.UserSecretsId})" : $"${Variable}";
}
