using System.Buffers;
using PricerLib.Text;

namespace PricerLib.Data;

/// <summary>
/// The fast path's <c>scrub(title) + "\n" + scrub(contents[:CeilingChars])</c> of the course's <c>Item</c>, built in
/// one pooled buffer: the contents only as far as the cut reads them (no details at all where the description and
/// features fill it), the details scrubbed in place, and no string unless one is asked for. The same text as the
/// baseline's string steps. Dispose it once to give the buffer back.
/// </summary>
internal readonly struct ScrubbedText : IDisposable
{
    private readonly char[]? _buffer;
    private readonly int _length;

    private ScrubbedText(char[] buffer, int length) => (_buffer, _length) = (buffer, length);

    /// <summary>False when the whole contents have <see cref="ItemCurator.MinChars"/> code points or fewer (no text).</summary>
    public bool Exists => _buffer is not null;

    /// <summary>The text (empty where there is none).</summary>
    public ReadOnlySpan<char> Span => _buffer.AsSpan(0, _length);

    /// <summary>The text as a string, or null where there is none.</summary>
    public string? AsString() => _buffer is null ? null : new string(Span);

    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<char>.Shared.Return(_buffer);
    }

    /// <summary>The text of <paramref name="title"/> and <paramref name="product"/>'s contents, where they have enough.</summary>
    public static ScrubbedText Of(string title, RawProduct product)
    {
        // CeilingChars code points take two UTF-16 units each at most.
        char[] contentsBuffer = ArrayPool<char>.Shared.Rent(2 * ItemCurator.CeilingChars);
        try
        {
            var contents = new Contents(contentsBuffer);
            contents.AppendPart(product.Description);
            contents.AppendPart(product.Features);
            if (!contents.Full && !string.IsNullOrEmpty(product.Details)) contents.AppendDetails(product.Details);
            if (!contents.Full && contents.CodePoints <= ItemCurator.MinChars) return default;

            char[] output = ArrayPool<char>.Shared.Rent(title.Length + 1 + contents.Length); // scrubbing never lengthens
            int length = ItemScrubber.Scrub(title, output);
            output[length++] = '\n';
            length += ItemScrubber.Scrub(contents.Text, output.AsSpan(length));
            return new ScrubbedText(output, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(contentsBuffer);
        }
    }

    /// <summary>
    /// <c>Item.parse</c>'s contents, each part followed by a newline when it is not empty, kept up to
    /// <see cref="ItemCurator.CeilingChars"/> code points (Python's slice of the whole: a surrogate pair is one).
    /// </summary>
    private ref struct Contents(Span<char> buffer)
    {
        private readonly Span<char> _buffer = buffer;

        /// <summary>UTF-16 units kept.</summary>
        public int Length { get; private set; }

        /// <summary>Code points kept: all of the contents' unless <see cref="Full"/>.</summary>
        public int CodePoints { get; private set; }

        public readonly bool Full => CodePoints == ItemCurator.CeilingChars;

        public readonly ReadOnlySpan<char> Text => _buffer[..Length];

        /// <summary><c>string.Join('\n', lines)</c> as a part.</summary>
        public void AppendPart(IReadOnlyList<string> lines)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                if (i > 0) Append("\n");
                Append(lines[i]);
            }
            if (lines.Count > 1 || lines.Count == 1 && lines[0].Length > 0) Append("\n");
        }

        /// <summary><c>scrub_details(details)</c> as a part.</summary>
        public void AppendDetails(string details)
        {
            char[] scratch = ArrayPool<char>.Shared.Rent(details.Length);
            details.CopyTo(scratch);
            int length = ItemScrubber.ScrubDetails(scratch.AsSpan(0, details.Length));
            Append(scratch.AsSpan(0, length));
            if (length > 0) Append("\n");
            ArrayPool<char>.Shared.Return(scratch);
        }

        /// <summary>Appends as much of <paramref name="text"/> as the room left holds.</summary>
        private void Append(ReadOnlySpan<char> text)
        {
            int room = ItemCurator.CeilingChars - CodePoints;
            int units = Math.Min(text.Length, room), points = units;
            if (text[..units].IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
            {
                // A pair is one code point, a lone surrogate too (the parts are joined by '\n', so no pair spans two).
                units = points = 0;
                for (; points < room && units < text.Length; points++)
                    units += units + 1 < text.Length && char.IsSurrogatePair(text[units], text[units + 1]) ? 2 : 1;
            }
            text[..units].CopyTo(_buffer[Length..]);
            Length += units;
            CodePoints += points;
        }
    }
}
