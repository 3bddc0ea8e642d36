using PricerLib.Data;
using PricerLib.Local;
using PricerLib.Local.Gguf;
using PricerLib.Local.Synthetic;
using PricerLib.Tests.Hardening;
using PricerLib.Tests.Support;
using PricerLib.Tokenization;

namespace PricerLib.Tests.Local;

/// <summary>The tiny synthetic shape made for real, loaded by llama.cpp, tokenizing with the real vocabulary, decoding.</summary>
[Trait(TestTiers.Category, TestTiers.Slow)]
public sealed class SyntheticModelTests
{
    private static SyntheticModel Make(TempDir dir, string type, string name = "tiny.gguf", bool force = false) =>
        SyntheticModelMaker.Make(new SyntheticModelRequest(SyntheticShape.Tiny, SyntheticModelType.Named(type), dir.File(name),
            Shared.Llama3TokenizerModel, Seed: 7, Force: force));

    [SkippableFact]
    public void The_header_is_a_llama_bpe_Llama_3_model_that_says_it_is_synthetic()
    {
        using var dir = new TempDir();
        var made = Make(dir, "f16");
        var model = GgufFile.Read(made.Path);

        Assert.Equal(3u, model.Version);
        Assert.True(SyntheticModels.IsSynthetic(model));
        Assert.Contains("SYNTHETIC", model.GetString("general.name"));
        Assert.Contains("random weights", model.GetString("general.description"));
        Assert.Equal(("gpt2", "llama-bpe"), (model.GetString("tokenizer.ggml.model"), model.GetString("tokenizer.ggml.pre")));
        var tokens = model.Metadata["tokenizer.ggml.tokens"].Elements;
        Assert.Equal(128256, tokens.Count);
        Assert.Equal("<|begin_of_text|>", tokens[128000]);
        Assert.Equal("<|eot_id|>", tokens[128009]);
        Assert.Equal("Ġthe", tokens[279]); // " the": GPT-2's byte alphabet writes the space as Ġ
        var types = model.Metadata["tokenizer.ggml.token_type"].Elements.Select(Convert.ToInt32).ToList();
        Assert.Equal(128000, types.Count(t => t == Llama3GgufVocabulary.NormalType));
        Assert.Equal(256, types.Skip(128000).Count(t => t == Llama3GgufVocabulary.ControlType));
        // Hugging Face's Llama 3 tokenizer.json holds 280,147 merges; the first is "Ġ Ġ" (two spaces, rank 256).
        var merges = model.Metadata["tokenizer.ggml.merges"].Elements;
        Assert.Equal(280147, merges.Count);
        Assert.Equal("Ġ Ġ", merges[0]);
        Assert.Equal((128000, 128001), (model.GetInteger("tokenizer.ggml.bos_token_id"), model.GetInteger("tokenizer.ggml.eos_token_id")));

        var shape = SyntheticShape.Tiny;
        Assert.Equal(LlamaShape.Of(model), new LlamaShape("llama", shape.Layers, shape.Embedding, shape.Heads, shape.KvHeads, shape.ContextLength));
        Assert.Equal(shape.RopeScaling.Factors(shape.HeadDim, shape.RopeTheta), model.ReadFloats("rope_freqs.weight"));
        Assert.Equal(GgmlType.F16, model.TensorsByName["blk.1.ffn_down.weight"].Type);
        Assert.DoesNotContain("output.weight", model.TensorsByName.Keys); // tied, as Llama 3.2's
        Assert.Equal(shape.ParameterCount, model.Tensors.Sum(t => t.Shape.Aggregate(1L, (a, b) => a * b)));
    }

    [SkippableFact]
    public void The_same_seed_makes_the_same_file_and_another_seed_other_weights()
    {
        using var dir = new TempDir();
        var first = File.ReadAllBytes(Make(dir, "f16", "a.gguf").Path);
        Assert.Equal(first, File.ReadAllBytes(Make(dir, "f16", "b.gguf").Path));
        var other = SyntheticModelMaker.Make(new SyntheticModelRequest(SyntheticShape.Tiny, SyntheticModelType.F16, dir.File("c.gguf"),
            Shared.Llama3TokenizerModel, Seed: 8));
        Assert.NotEqual(GgufFile.Read(dir.File("a.gguf")).ReadFloats("blk.0.attn_q.weight"), GgufFile.Read(other.Path).ReadFloats("blk.0.attn_q.weight"));
    }

    [SkippableTheory]
    [InlineData("f16")]
    [InlineData("q8_0")]
    public async Task llama_cpp_loads_it_tokenizes_as_Meta_s_tokenizer_and_decodes(string type)
    {
        using var dir = new TempDir();
        var made = Make(dir, type);
        if (type == "q8_0") Assert.Equal(GgmlType.Q8_0, GgufFile.Read(made.Path).TensorsByName["blk.0.attn_q.weight"].Type);
        var prompts = ItemStore.Load(Shared.Items).Take(40).Select(i => i.TestPrompt).ToList();
        var reference = Llama3Tokenizer.FromTiktokenFile(Shared.Llama3TokenizerModel);

        using var model = LlamaModel.Load(new LlamaSettings { ModelPath = made.Path, Parallel = 4, Context = 256, Threads = 1 });
        Assert.Equal(128256, model.VocabularySize);
        foreach (var prompt in prompts)
            Assert.Equal([Llama3GgufVocabulary.BeginOfText, .. reference.Encode(prompt)], model.Tokenize(prompt).Select(t => (int)t));

        var logits = await model.NextTokenLogitsAsync(prompts.Take(4).Select(p => model.Tokenize(p)).ToList());
        Assert.All(logits, row => Assert.All(row, v => Assert.True(float.IsFinite(v))));
        var text = await model.GenerateGreedyAsync([model.Tokenize(prompts[0])], 4);
        Assert.False(string.IsNullOrEmpty(text[0]));
    }

    [SkippableFact]
    public async Task A_pricer_on_it_records_that_the_model_is_synthetic()
    {
        using var dir = new TempDir();
        var model = LlamaModel.Load(new LlamaSettings { ModelPath = Make(dir, "f16").Path, Parallel = 1, Context = 64, Threads = 1 });
        await using var pricer = new LlamaPricer(model, new LlamaPricingOptions(), cacheFolder: null);
        Assert.Equal("llama-3-tiny", pricer.Details.Parameters[SyntheticModels.RunParameter]);
    }

    [SkippableFact]
    public void As_a_tokenizer_for_curate_it_is_the_course_s_Llama_3_vocabulary()
    {
        using var dir = new TempDir();
        using var tokenizer = GgufTokenizer.Load(Make(dir, "f16").Path);
        Llama3Vocabulary.Require(tokenizer, "--any-tokenizer"); // does not throw
        Assert.True(Llama3Vocabulary.Matches(tokenizer));
    }

    [SkippableFact]
    public void An_existing_file_is_refused_without_force_and_replaced_with_it()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("tiny.gguf"), "keep me");
        var refused = Assert.Throws<SyntheticModelException>(() => Make(dir, "f16"));
        Assert.Contains("--force", refused.Message);
        Assert.Equal("keep me", File.ReadAllText(dir.File("tiny.gguf")));
        Make(dir, "f16", force: true);
        Assert.True(GgufFile.HasMagic(dir.File("tiny.gguf")));
    }

    [SkippableFact]
    public void Too_little_disk_is_refused_before_anything_is_written()
    {
        using var dir = new TempDir();
        using var small = SmallFilesystem.Mount(dir.File("small"), megabytes: 4);

        var refused = Assert.Throws<SyntheticModelException>(() => SyntheticModelMaker.Make(new SyntheticModelRequest(
            SyntheticShape.Tiny, SyntheticModelType.Named("q8_0"), Path.Combine(small.Path, "m.gguf"), Shared.Llama3TokenizerModel)));

        Assert.Matches(@"^Making m\.gguf needs about [\d,]+ MiB in .+small \(the F16 file, and the quantised one made from it\); [34] MiB are free\.$", refused.Message);
        Assert.Empty(Directory.GetFileSystemEntries(small.Path));
    }

    [SkippableFact]
    public void The_cli_lists_known_shapes_and_refuses_an_existing_file()
    {
        using var dir = new TempDir();
        var unknown = PricerProcess.Run("make-model", "--shape", "gpt-5", "--out", dir.File("m.gguf"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Known shapes: llama-3.1-8b, llama-3.2-3b, llama-3.2-1b, llama-3-tiny", unknown.Stderr);
        File.WriteAllText(dir.File("m.gguf"), "x");
        var exists = PricerProcess.Run("make-model", "--shape", "llama-3-tiny", "--type", "f16", "--out", dir.File("m.gguf"),
            "--tokenizer", Shared.Llama3TokenizerModel);
        Assert.Equal(1, exists.ExitCode);
        Assert.Contains("exists; pass --force", exists.Stderr);
    }

    [SkippableFact]
    public void Ctrl_C_while_writing_leaves_no_file()
    {
        using var dir = new TempDir();
        // The 1B shape's 2.5 GB take far longer to write than the signal takes to arrive.
        var (exit, log) = InterruptedRun.Signal(Posix.SigInt, "Making", "make-model", "--shape", "llama-3.2-1b", "--type", "q8_0",
            "--out", dir.File("m.gguf"), "--tokenizer", Shared.Llama3TokenizerModel);
        Assert.Equal(130, exit);
        Assert.Contains("Interrupted", log);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}

/// <summary>A real filesystem with little room: a tmpfs of a few MiB, mounted for the test (needs root; skipped otherwise).</summary>
internal sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    public static SmallFilesystem Mount(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        var (exit, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        Skip.If(exit != 0, $"cannot mount a small tmpfs here (root only): {error}");
        return new SmallFilesystem(path);
    }

    public void Dispose() => Run("umount", Path);

    private static (int Exit, string Error) Run(string program, params string[] args)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = System.Diagnostics.Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message); // no such program
        }
    }
}
