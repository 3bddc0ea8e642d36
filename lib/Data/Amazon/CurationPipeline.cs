using System.Diagnostics;

namespace PricerLib.Data.Amazon;

/// <summary>Where a curation run stands: file bytes consumed of the total, rows read and items kept.</summary>
public readonly record struct CurationProgress(long BytesRead, long TotalBytes, long RowsRead, long Kept);

/// <summary>The items of a finished run, in input order, and its tally.</summary>
public sealed record CurationResult(IReadOnlyList<Item> Items, CurationSummary Summary);

/// <summary>
/// Raw metadata files → curated items, in input order, parsing and curating on several cores. One thread reads
/// (and un-gzips) each file into batches of lines; up to <see cref="DegreeOfParallelism"/> workers parse and curate
/// batches; results come out batch by batch in file order. Memory stays bounded: at most two batches per worker
/// are in flight.
/// </summary>
public sealed class CurationPipeline
{
    private readonly Func<RawProduct, CurationOutcome> _curate;
    private readonly TaskScheduler? _workers;

    /// <summary>A pipeline that curates each row with <paramref name="curate"/>.</summary>
    /// <param name="curate">Row → item or skip reason; called from several threads at once.</param>
    /// <param name="degreeOfParallelism">Worker count; 0 for every core, 1 to do everything on the calling thread.</param>
    public CurationPipeline(Func<RawProduct, CurationOutcome> curate, int degreeOfParallelism = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(degreeOfParallelism);
        _curate = curate;
        DegreeOfParallelism = degreeOfParallelism == 0 ? Environment.ProcessorCount : degreeOfParallelism;
        if (DegreeOfParallelism > 1)
            _workers = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, DegreeOfParallelism).ConcurrentScheduler;
    }

    /// <summary>
    /// A pipeline around the course's curator. <paramref name="category"/>, when given, becomes every item's category;
    /// otherwise each row's <c>main_category</c> does.
    /// </summary>
    public CurationPipeline(ItemCurator curator, string? category = null, int degreeOfParallelism = 0)
        : this(product => curator.Curate(product, category), degreeOfParallelism)
    {
        ParseRow = MetadataRow.For(curator.Path);
    }

    /// <summary>How a line becomes a row (<see cref="MetadataRow.Parse"/> unless a curation path's own is wanted).</summary>
    public Func<ReadOnlyMemory<byte>, RowParse> ParseRow { get; init; } = MetadataRow.Parse;

    /// <summary>How many batches are parsed and curated at once.</summary>
    public int DegreeOfParallelism { get; }

    /// <summary>About how many bytes of text one batch holds (a longer line makes a bigger batch).</summary>
    public int BatchBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Whether batches live in pooled buffers (the default): a megabyte batch in a new array is a large object each
    /// time, and the large-object heap, once over its budget, costs a full collection. The baseline path's benchmark
    /// turns it off to run as the first port did.
    /// </summary>
    public bool PooledBatches { get; init; } = true;

    /// <summary>Where to add the time of <see cref="CurationStage.Write"/> (benchmarks); null to time nothing.</summary>
    public CurationStageClock? Clock { get; init; }

    /// <summary>Opens every path (throwing <see cref="MetadataInputException"/> for the first unusable one) and curates them all.</summary>
    public CurationResult Run(IEnumerable<string> paths, IProgress<CurationProgress>? progress = null,
        TextWriter? warnings = null, CancellationToken cancellationToken = default)
    {
        var files = paths.Select(MetadataFile.Open).ToList();
        var summary = new CurationSummary();
        var items = Curate(files, summary, progress, warnings, cancellationToken).ToList();
        return new CurationResult(items, summary);
    }

    /// <summary>
    /// The items of <paramref name="inputs"/>, lazily and in input order, tallying every row in <paramref name="summary"/>
    /// as the items come out (read = kept + skipped; a file that ends early adds one <see cref="SkipReason.TruncatedInput"/>).
    /// Examples of unreadable rows go to <paramref name="warnings"/>. Enumerate once.
    /// </summary>
    public IEnumerable<Item> Curate(IReadOnlyList<MetadataFile> inputs, CurationSummary summary,
        IProgress<CurationProgress>? progress = null, TextWriter? warnings = null, CancellationToken cancellationToken = default) =>
        Outcomes(inputs, summary, progress, warnings, serialize: false, cancellationToken).SelectMany(outcome => outcome.Items);

    /// <summary>
    /// Curates <paramref name="inputs"/> into <paramref name="path"/> (atomically; gzip for <c>.gz</c>), byte for byte
    /// what <see cref="ItemStore.Save"/> writes for <see cref="Curate"/>'s items, tallying as <see cref="Curate"/> does.
    /// The workers also serialize their batches' items, so the calling thread only reads the files and copies bytes.
    /// If anything fails or is cancelled, no file is left.
    /// </summary>
    public void Save(IReadOnlyList<MetadataFile> inputs, string path, CurationSummary summary,
        IProgress<CurationProgress>? progress = null, TextWriter? warnings = null, CancellationToken cancellationToken = default)
    {
        long flushStart = 0;
        AtomicFile.Write(path, stream =>
        {
            foreach (var outcome in Outcomes(inputs, summary, progress, warnings, serialize: true, cancellationToken))
            {
                long start = Stopwatch.GetTimestamp();
                using (var lines = outcome.Lines!) stream.Write(lines.WrittenSpan);
                Clock?.Lap(CurationStage.Write, start);
            }
            flushStart = Stopwatch.GetTimestamp();
        });
        Clock?.Lap(CurationStage.Write, flushStart); // flushing to disk and moving the file in place are writing too
    }

    /// <summary>The batches' outcomes in input order, tallied and reported as they come out; <paramref name="serialize"/> fills their lines.</summary>
    private IEnumerable<BatchOutcome> Outcomes(IReadOnlyList<MetadataFile> inputs, CurationSummary summary,
        IProgress<CurationProgress>? progress, TextWriter? warnings, bool serialize, CancellationToken cancellationToken)
    {
        var reporter = new SkipReporter(warnings);
        long totalBytes = inputs.Sum(f => f.Length);
        long bytesBefore = 0;
        foreach (var file in inputs)
        {
            using var reader = new LineBatchReader(file, BatchBytes, PooledBatches);
            var inFlight = new Queue<Task<BatchOutcome>>();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (inFlight.Count < 2 * DegreeOfParallelism && reader.TryRead(out var batch))
                    inFlight.Enqueue(Start(batch, serialize, cancellationToken));
                if (inFlight.Count == 0) break;

                var outcome = inFlight.Dequeue().GetAwaiter().GetResult();
                summary.Add(outcome.Summary);
                foreach (var (line, reason, problem) in outcome.Problems) reporter.RowSkipped(file, line, reason, problem);
                progress?.Report(new CurationProgress(bytesBefore + reader.BytesRead, totalBytes, summary.Read, summary.Kept));
                yield return outcome;
            }
            if (reader.BrokenInput is { } why)
            {
                summary.CountRead();
                summary.CountSkip(SkipReason.TruncatedInput);
                reporter.InputBroken(file, reader.BrokenAtLine, why);
            }
            bytesBefore += file.Length;
            progress?.Report(new CurationProgress(bytesBefore, totalBytes, summary.Read, summary.Kept));
        }
    }

    private Task<BatchOutcome> Start(LineBatch batch, bool serialize, CancellationToken cancellationToken) => _workers is null
        ? Task.FromResult(Process(batch, serialize))
        : Task.Factory.StartNew(() => Process(batch, serialize), cancellationToken, TaskCreationOptions.None, _workers);

    private BatchOutcome Process(LineBatch batch, bool serialize)
    {
        try
        {
            return CurateBatch(batch, serialize);
        }
        finally
        {
            batch.Release();
        }
    }

    private BatchOutcome CurateBatch(LineBatch batch, bool serialize)
    {
        var outcome = new BatchOutcome();
        foreach (var (line, number) in batch.Lines())
        {
            outcome.Summary.CountRead();
            var parsed = ParseRow(line);
            if (parsed.Product is not { } product)
            {
                outcome.Skipped(number, parsed.Skip!.Value, parsed.Problem!);
                continue;
            }

            CurationOutcome curated;
            try
            {
                curated = _curate(product);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{batch.Source.Path}:{number}: curating the row failed: {e.Message}", e);
            }
            if (curated.Item is { } item)
            {
                outcome.Summary.CountKept();
                outcome.Items.Add(item);
            }
            else
            {
                outcome.Summary.CountSkip(curated.Skip ?? throw new InvalidOperationException(
                    $"{batch.Source.Path}:{number}: the curator returned neither an item nor a skip reason."));
            }
        }
        if (serialize)
        {
            long start = Stopwatch.GetTimestamp();
            outcome.Lines = new PooledByteWriter(batch.Bytes.Length); // about an item's bytes per row read
            ItemStore.WriteLines(outcome.Items, outcome.Lines);
            outcome.Items.Clear(); // the items die young: only their bytes wait for the writer
            Clock?.Lap(CurationStage.Write, start);
        }
        return outcome;
    }

    /// <summary>One batch's items, tally, and the first few unreadable rows per reason (the reporter prints a few at most).</summary>
    private sealed class BatchOutcome
    {
        private const int ProblemsKeptPerReason = 4;
        private readonly Dictionary<SkipReason, int> _problemCounts = [];

        public List<Item> Items { get; } = [];
        /// <summary>The items as JSON lines, where the batch was serialized.</summary>
        public PooledByteWriter? Lines { get; set; }
        public CurationSummary Summary { get; } = new();
        public List<(long Line, SkipReason Reason, string Problem)> Problems { get; } = [];

        public void Skipped(long line, SkipReason reason, string problem)
        {
            Summary.CountSkip(reason);
            int seen = _problemCounts.GetValueOrDefault(reason);
            _problemCounts[reason] = seen + 1;
            if (seen < ProblemsKeptPerReason) Problems.Add((line, reason, problem));
        }
    }
}
