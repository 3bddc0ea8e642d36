using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;
using PricerLib.Data;

namespace PricerLib.Frontier;

/// <summary>
/// The workbook's .NET user-secrets store: a flat JSON file outside every repository
/// (<c>~/.microsoft/usersecrets/pricer-workbook/secrets.json</c>; <c>%APPDATA%\Microsoft\UserSecrets\…</c> on Windows),
/// the same file <c>dotnet user-secrets set NAME --id pricer-workbook</c> writes. Read through
/// Microsoft.Extensions.Configuration's JSON provider, as <c>AddUserSecrets</c> does. Never holds anything but keys.
/// </summary>
/// <param name="file">The secrets file (tests point it at a temporary folder).</param>
public sealed class WorkbookSecrets(string file)
{
    /// <summary>The workbook's fixed UserSecretsId (not a secret: it only names the folder).</summary>
    public const string UserSecretsId = "pricer-workbook";

    /// <summary>The store at the user's default location, as the user-secrets tooling derives it (APPDATA, else HOME).</summary>
    public static WorkbookSecrets Default => new(PathHelper.GetSecretsPathFromSecretsId(UserSecretsId));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The secrets file.</summary>
    public string File { get; } = Path.GetFullPath(file);

    /// <summary>The value stored under <paramref name="name"/>; null when the store or the name is absent.</summary>
    /// <exception cref="FrontierException">The file exists but is not a JSON object (its content is never shown).</exception>
    public string? Get(string name)
    {
        if (!System.IO.File.Exists(File)) return null;
        try
        {
            var configuration = new ConfigurationBuilder().AddJsonFile(File, optional: true, reloadOnChange: false).Build();
            return configuration[name] is { Length: > 0 } value ? value : null;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or JsonException or IOException)
        {
            throw NotJson();
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/> (atomically, keeping the other entries).</summary>
    public void Set(string name, string value)
    {
        var entries = Read();
        entries[name] = value.Trim();
        Write(entries);
    }

    /// <summary>Removes <paramref name="name"/>; false when it was not there.</summary>
    public bool Remove(string name)
    {
        var entries = Read();
        if (!entries.Remove(name)) return false;
        Write(entries);
        return true;
    }

    private JsonObject Read()
    {
        if (!System.IO.File.Exists(File)) return [];
        try
        {
            return JsonNode.Parse(System.IO.File.ReadAllText(File), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw NotJson();
        }
    }

    private void Write(JsonObject entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        AtomicFile.Write(File, stream => JsonSerializer.Serialize(stream, entries, Indented));
        // Readable by its owner only, like an SSH key (dotnet user-secrets leaves the umask's default).
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(File, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private FrontierException NotJson() => new($"The user-secrets file {File} is not a JSON object of names and values; fix or delete it.");
}
