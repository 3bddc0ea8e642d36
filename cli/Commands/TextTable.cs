using Spectre.Console;

namespace Pricer.Cli.Commands;

/// <summary>
/// Table rows whose cells are shown as the text they hold. Spectre's <c>AddRow(params string[])</c> parses each cell
/// as markup, so data such as a tensor shape "[32, 64]", a token "[" or a run name "v[2]" crashed the table; every
/// verb adds rows through here instead (that overload is banned in BannedSymbols.txt).
/// </summary>
internal static class TextTable
{
    /// <summary>Adds a row of plain-text cells.</summary>
    public static Table AddTextRow(this Table table, params IEnumerable<string> cells) =>
        table.AddRow(cells.Select(cell => new Text(cell)));
}
