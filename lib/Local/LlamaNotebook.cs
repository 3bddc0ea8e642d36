using Microsoft.Data.Analysis;
using PricerLib.Data;
using PricerLib.Data.Dataset;
using PricerLib.Evaluation;
using PricerLib.Local.Gguf;
using PricerLib.Local.Lora;
using PricerLib.Notebooks;

namespace PricerLib.Local;

/// <summary>What notebooks 06–07 need in one call per cell: the configured model, test items, and tables.</summary>
public static class LlamaNotebook
{
    /// <summary>The GGUF base from <see cref="WorkbookSettings.LlamaModel"/>, or null when none is configured or it is missing.</summary>
    public static string? BaseModel => Workbook.Settings.LlamaModel is { } path && File.Exists(path) ? path : null;

    /// <summary>True when the base model is one of the tiny test models, whose prices mean nothing.</summary>
    public static bool IsTinyModel => BaseModel is { } path && new FileInfo(path).Length < 50_000_000;

    /// <summary>A sentence for the notebook: which model it runs on, or how to configure one.</summary>
    public static string Status => BaseModel switch
    {
        null => "No GGUF base model configured: set PRICER_LLAMA_MODEL (see the download instructions above). The cells below skip.",
        var path when IsTinyModel => $"Running on {Path.GetFileName(path)}, a tiny test model: every price below is meaningless; the cells only show the machinery working.",
        var path => $"Running on {Path.GetFileName(path)}.",
    };

    /// <summary>
    /// The test items notebook 02 saved (<c>out/dataset/test.jsonl.gz</c>), else a split of the data source's
    /// Appliances items, so the notebook also runs on its own; the first <paramref name="count"/>, in the workbook's
    /// edition (2025: with stand-in summaries where the items have none, <see cref="EditionGuide.ForEdition(IEnumerable{Item}, Editions.CourseEdition)"/>).
    /// </summary>
    public static IReadOnlyList<Item> TestItems(int count)
    {
        var saved = Path.Combine(Workbook.Settings.Out, "dataset", DatasetSplit.TestFileName);
        if (File.Exists(saved)) return EditionGuide.ForEdition(ItemStore.Load(saved).Take(count), Workbook.Edition);
        var items = Workbook.Data.Curate(Workbook.Tokenizer, "Appliances").Items;
        return EditionGuide.ForEdition(DatasetSplitter.ShuffleAndSplit(items, items.Count - count, count).Test, Workbook.Edition);
    }

    /// <summary>A GGUF model's or adapter's size: tensors, parameters, bytes by tensor type, and its hyper-parameters.</summary>
    public static DataFrame Summary(string ggufPath)
    {
        var gguf = GgufFile.Read(ggufPath);
        var rows = gguf.Tensors.GroupBy(t => t.Type).OrderBy(g => g.Key).ToList();
        return new DataFrame(
            new StringDataFrameColumn("type", rows.Select(g => g.Key.ToString())),
            new Int64DataFrameColumn("tensors", rows.Select(g => (long)g.Count())),
            new Int64DataFrameColumn("parameters", rows.Select(g => g.Sum(t => t.ElementCount))),
            new DoubleDataFrameColumn("MB", rows.Select(g => g.Sum(t => t.ByteSize ?? 0) / 1e6)));
    }

    /// <summary>How a tokenizer splits a few prices (the course's day 2: Llama 3 keeps 0–999 as one token).</summary>
    public static DataFrame NumberTokens(LlamaModel model, params string[] numbers) => new(
        new StringDataFrameColumn("text", numbers),
        new Int32DataFrameColumn("tokens", numbers.Select(n => model.Tokenize(n).Length - 1)),
        new StringDataFrameColumn("pieces", numbers.Select(n => string.Join(" | ", model.Tokenize(n).Skip(1).Select(t => $"'{model.TokenText((int)t)}'")))));

    /// <summary>
    /// A PEFT adapter with the course's layout (LoRA on q/k/v/o of every layer, alpha = 2·r) and seeded random
    /// weights, for a base that has no trained adapter (the tiny test models); returns its folder.
    /// </summary>
    public static string MakeSyntheticAdapter(string baseModel, string folder, int rank = 4)
    {
        var gguf = GgufFile.Read(baseModel);
        string[] modules = ["q_proj", "k_proj", "v_proj", "o_proj"];
        PeftAdapterWriter.Write(folder, new PeftAdapterConfig(rank, 2f * rank, Path.GetFileName(baseModel), modules), gguf,
            Enumerable.Range(0, LlamaShape.Of(gguf).Layers), modules, PeftAdapterWriter.Random(42, 0.05f));
        return folder;
    }

    /// <summary>The A/B shapes of a conversion, as the course's day 1 prints them (PyTorch order: A [r, in], B [out, r]).</summary>
    public static DataFrame Shapes(LoraConversion conversion) => new(
        new StringDataFrameColumn("base tensor", conversion.Pairs.Select(p => p.BaseTensor)),
        new StringDataFrameColumn("module", conversion.Pairs.Select(p => p.Module)),
        new StringDataFrameColumn("lora_A", conversion.Pairs.Select(p => $"{p.ShapeA[1]}×{p.ShapeA[0]}")),
        new StringDataFrameColumn("lora_B", conversion.Pairs.Select(p => $"{p.ShapeB[1]}×{p.ShapeB[0]}")),
        new BooleanDataFrameColumn("q/k rows permuted", conversion.Pairs.Select(p => p.Permuted)));

    /// <summary>Next-token candidates as a table.</summary>
    public static DataFrame Candidates(IReadOnlyList<TokenCandidate> candidates) => new(
        new Int32DataFrameColumn("token", candidates.Select(c => c.Token)),
        new StringDataFrameColumn("text", candidates.Select(c => c.Text)),
        new DoubleDataFrameColumn("probability", candidates.Select(c => Math.Round(c.Probability, 4))));

    /// <summary>Loads the configured base (and adapter) for a few direct calls; dispose it when done.</summary>
    public static LlamaModel Load(string? adapter = null) => LlamaModel.Load(new LlamaSettings
    {
        ModelPath = BaseModel ?? throw new LocalModelException("No GGUF base model configured (PRICER_LLAMA_MODEL)."),
        LoraPath = adapter, Parallel = 1, Context = 1024,
    });

    /// <summary>
    /// Evaluates like <see cref="Workbook.EvaluateAsync"/>, but stores the run only for a real model: a tiny test
    /// model's meaningless figures stay off the leaderboard (and out of notebook 08's comparisons).
    /// </summary>
    public static async Task<RunRecord> EvaluateAsync(string? adapter, IReadOnlyList<Item> test, string method, string name, string title,
        IReadOnlyDictionary<string, string?>? extraOptions = null)
    {
        var options = Options(method, adapter);
        foreach (var (key, value) in extraOptions ?? new Dictionary<string, string?>()) options[key] = value;
        var spec = "llama:" + (BaseModel ?? throw new LocalModelException("No GGUF base model configured (PRICER_LLAMA_MODEL)."));
        if (!IsTinyModel) return await Workbook.EvaluateAsync(spec, null, test, name, title, test.Count, options);
        return await PricerEvaluation.RunAsync(Workbook.Pricers, new EvaluationRequest(spec, name, title, test.Count) { Options = options, Edition = Workbook.Edition }, null, test);
    }

    /// <summary>The options notebooks evaluate with: a context large enough for the tiny models' longer tokenizations.</summary>
    public static Dictionary<string, string?> Options(string method, string? adapter = null)
    {
        var options = new Dictionary<string, string?> { ["method"] = method, ["context"] = "1024", ["parallel"] = "4" };
        if (adapter is not null) options["lora"] = adapter;
        return options;
    }

}
