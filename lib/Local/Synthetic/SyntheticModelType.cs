using LLama.Native;

namespace PricerLib.Local.Synthetic;

/// <summary>
/// A tensor type <c>make-model</c> writes: F16 directly (as <c>convert_hf_to_gguf.py --outtype f16</c> does), the
/// others by llama.cpp's own quantiser from that F16 file.
/// </summary>
/// <param name="Name">As on the command line, e.g. <c>q4_k_m</c>.</param>
/// <param name="FileType">llama.cpp's file type (<c>general.file_type</c>), for the quantiser.</param>
/// <param name="BytesPerWeight">About how many bytes a weight takes, to check the disk before starting.</param>
public sealed record SyntheticModelType(string Name, LLamaFtype FileType, double BytesPerWeight)
{
    /// <summary>Half precision: what the quantised types start from.</summary>
    public static SyntheticModelType F16 { get; } = new("f16", LLamaFtype.MOSTLY_F16, 2);

    /// <summary>Every type <c>make-model</c> knows.</summary>
    public static IReadOnlyList<SyntheticModelType> Known { get; } =
    [
        F16,
        new("q8_0", LLamaFtype.MOSTLY_Q8_0, 34.0 / 32),
        new("q4_k_m", LLamaFtype.MOSTLY_Q4_K_M, 0.61), // Q4_K with Q6_K for some tensors: ~4.9 bits per weight
    ];

    /// <summary>The known type called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="SyntheticModelException">No such type; the message lists the known ones.</exception>
    public static SyntheticModelType Named(string name) =>
        Known.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SyntheticModelException($"Unknown type '{name}'. Known types: {string.Join(", ", Known.Select(t => t.Name))}.");

    /// <summary>Whether llama.cpp's quantiser makes it from the F16 file.</summary>
    public bool IsQuantised => this != F16;
}
