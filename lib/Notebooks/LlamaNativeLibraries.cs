namespace PricerLib.Notebooks;

/// <summary>The native files LLamaSharp is to load, from one backend package.</summary>
/// <param name="Package">The package, version and build, e.g. <c>LLamaSharp.Backend.Cpu 0.30.0 (linux-x64/avx2)</c>.</param>
/// <param name="Llama">The llama library (<c>libllama.so</c>).</param>
/// <param name="Mtmd">The multimodal library (<c>libmtmd.so</c>).</param>
/// <param name="Dependencies">
/// ggml libraries to load first, in this order, that the loader would not find beside <paramref name="Llama"/>:
/// ggml-base from the backend's folder, then ggml-cpu from the CPU package's build for this processor (a GPU
/// package ships no CPU part).
/// </param>
public sealed record LlamaNativeLibraries(string Package, string Llama, string Mtmd, IReadOnlyList<string> Dependencies);
