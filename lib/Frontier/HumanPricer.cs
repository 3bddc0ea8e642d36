using PricerLib.Editions;
using System.Runtime.CompilerServices;
using PricerLib.Data;
using PricerLib.Pricers;

namespace PricerLib.Frontier;

/// <summary>
/// The course's human baseline: the guesses a person typed into <c>human_output.csv</c>, row i for test item i.
/// Rows the file does not have, or left empty, are items without a guess (failed, so the run is partial); a file for
/// another test set fails every item with a message naming the first mismatch. In the 2025 edition rows hold the
/// items' summaries (<c>human_out.csv</c>), in 2024 their test prompts.
/// </summary>
public sealed class HumanPricer(string csvPath, IReadOnlyList<HumanRow> rows, CourseEdition edition = CourseEdition.Course2024) : IBatchPricer
{
    /// <summary>Reads <paramref name="csvPath"/>, whose rows show items as <paramref name="edition"/> does.</summary>
    /// <exception cref="HumanCsvException">The file is missing or unreadable.</exception>
    public static HumanPricer Load(string csvPath, CourseEdition edition = CourseEdition.Course2024) =>
        new(Path.GetFullPath(csvPath), HumanCsv.Read(csvPath), edition);

    /// <summary>The rows read.</summary>
    public IReadOnlyList<HumanRow> Rows => rows;

    /// <inheritdoc/>
    public string Name => "human";

    /// <inheritdoc/>
    public PricerDetails Details => new("human", null, new Dictionary<string, string> { ["csv"] = csvPath, ["rows"] = rows.Count.ToString(), ["edition"] = edition.Name() });

    /// <summary>Reading a file needs no concurrency.</summary>
    public int RecommendedConcurrency => 1;

    /// <summary>One item on its own: the guess of the row with its prompt (2025: its summary).</summary>
    public Task<PriceGuess> PriceAsync(Item item, CancellationToken cancellationToken = default)
    {
        var shown = HumanCsv.ShownText(item, edition).Replace("\r\n", "\n");
        var row = rows.FirstOrDefault(r => r.Prompt == shown)
            ?? throw new HumanCsvException($"{csvPath} has no row for \"{item.Title}\".");
        return Task.FromResult(row.Guess is { } guess ? new PriceGuess(guess) : throw new HumanCsvException(row.Problem!));
    }

    /// <summary>Row i prices item i, after checking every row's prompt against its item.</summary>
    public async IAsyncEnumerable<PricedItem> PriceManyAsync(IReadOnlyList<Item> items, int maxInFlight,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        HumanCsv.CheckMatches(rows, items, csvPath, edition);
        await Task.CompletedTask.ConfigureAwait(false);
        for (int i = 0; i < items.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i >= rows.Count) yield return PricedItem.Failed(i, $"no human guess: {Path.GetFileName(csvPath)} has {rows.Count} rows", 0);
            else if (rows[i].Guess is { } guess) yield return PricedItem.Priced(i, new PriceGuess(guess), 0);
            else yield return PricedItem.Failed(i, $"no human guess: {rows[i].Problem}", 0);
        }
    }
}
