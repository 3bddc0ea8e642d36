using System.Runtime.InteropServices;

namespace PricerLib.Tokenization;

/// <summary>
/// The course's cut on the fast path (encode, keep the first tokens, decode) without decoding where the kept tokens
/// are a stretch of the text itself, and counting a later text that starts like the encoded one (the prompt around
/// the cut text) without encoding the shared start again. Keeps the last encoding's pieces: one per thread.
/// </summary>
/// <remarks>
/// Exact by construction: a piece whose <see cref="Llama3PreTokenizer.Horizon"/> lies within the start two texts
/// share is split alike in both, the pieces before it too, and the split starts afresh after it (it never looks
/// behind a piece); the ids of a piece are its own. Tested against whole encodings on adversarial text.
/// </remarks>
public sealed class Llama3Cut(Llama3Encoder encoder)
{
    private readonly List<int> _ids = new(256);
    // The last text encoded (a copy: the caller's buffer may be reused).
    private char[] _chars = new char[2048];
    private int _length;
    private bool _piecesKnown;
    private int _pieces;
    // Per piece: where it ends, the index its split reads up to, and the ids up to and with it.
    private int[] _ends = new int[256], _horizons = new int[256], _idsThrough = new int[256];

    /// <summary>The ids of the last text encoded (its first ones, where <see cref="Encode"/> stopped early).</summary>
    public IReadOnlyList<int> Ids => _ids;

    private ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    /// <summary>Encodes <paramref name="text"/> as <see cref="Llama3Encoder.Encode(ReadOnlySpan{char}, List{int}, int)"/> does; returns the id count.</summary>
    public int Encode(ReadOnlySpan<char> text, int enough = int.MaxValue)
    {
        _ids.Clear();
        if (text.Length > _chars.Length) _chars = new char[Math.Max(text.Length, 2 * _chars.Length)];
        text.CopyTo(_chars);
        _length = text.Length;
        _pieces = 0;
        _piecesKnown = true;
        encoder.Encode(Text, _ids, enough, this);
        return _ids.Count;
    }

    /// <summary>The text of the first <paramref name="count"/> ids, as <see cref="Llama3Encoder.Decode(ReadOnlySpan{int})"/> gives it.</summary>
    public string Decode(int count) =>
        TrySpell(count, out var spelled) ? new string(spelled) : encoder.Decode(CollectionsMarshal.AsSpan(_ids)[..count]);

    /// <summary>
    /// The text of the first <paramref name="count"/> ids (as <see cref="Decode"/> gives it) without a string, where
    /// they spell a start of the text encoded; valid until the next <see cref="Encode"/>.
    /// </summary>
    public bool TrySpell(int count, out ReadOnlySpan<char> text)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _ids.Count);
        int chars = CharsOfFirst(count);
        text = chars < 0 ? default : Text[..chars];
        return chars >= 0;
    }

    /// <summary>
    /// The token count of <paramref name="text"/>, as <see cref="Llama3Encoder.CountTokens(ReadOnlySpan{char})"/>
    /// gives it, encoding only what follows the pieces it shares with the last text encoded.
    /// </summary>
    public int CountTokens(ReadOnlySpan<char> text)
    {
        // A special token in the text splits it in segments, which the shared pieces know nothing of.
        if (!_piecesKnown || text.Contains("<|", StringComparison.Ordinal)) return encoder.CountTokens(text);
        int shared = text.CommonPrefixLength(Text);
        int alike = 0;
        while (alike < _pieces && _horizons[alike] <= shared) alike++;
        return alike == 0 ? encoder.CountTokens(text) : _idsThrough[alike - 1] + encoder.CountTokens(text[_ends[alike - 1]..]);
    }

    internal void AddPiece(int end, int horizon, int idsThrough)
    {
        if (_pieces == _ends.Length)
        {
            Array.Resize(ref _ends, 2 * _pieces);
            Array.Resize(ref _horizons, 2 * _pieces);
            Array.Resize(ref _idsThrough, 2 * _pieces);
        }
        (_ends[_pieces], _horizons[_pieces], _idsThrough[_pieces]) = (end, horizon, idsThrough);
        _pieces++;
    }

    internal void GiveUp() => _piecesKnown = false;

    /// <summary>
    /// How many chars of the text the first <paramref name="count"/> ids spell, or -1 where decoding them gives
    /// other chars: they end inside a character, or the stretch holds a surrogate (a lone one decodes to U+FFFD).
    /// </summary>
    private int CharsOfFirst(int count)
    {
        if (!_piecesKnown) return -1;
        if (count == 0) return 0;
        int piece = 0;
        while (_idsThrough[piece] < count) piece++;
        int start = piece == 0 ? 0 : _ends[piece - 1];
        int end = _ends[piece];
        if (Text[..end].IndexOfAnyInRange('\uD800', '\uDFFF') >= 0) return -1;
        if (_idsThrough[piece] == count) return end;

        // The cut falls inside the piece: walk its chars (no surrogates) to the byte where its kept ids end.
        int bytes = 0;
        for (int i = piece == 0 ? 0 : _idsThrough[piece - 1]; i < count; i++) bytes += encoder.TokenLength(_ids[i]);
        int at = start;
        while (bytes > 0 && at < end)
        {
            char c = _chars[at++];
            bytes -= c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes == 0 ? at : -1;
    }
}
