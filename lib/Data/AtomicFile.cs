using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

namespace PricerLib.Data;

/// <summary>
/// Writes a file all at once or not at all: the content goes to a temp file in the target's folder (same volume,
/// so the final move is a rename), which replaces the target only after every byte was written. Only regular files
/// are replaced: a symbolic link is followed to its target, and a device or FIFO is written straight into (as
/// <c>sort -o /dev/stdout</c> does), never renamed over.
/// </summary>
public static class AtomicFile
{
    /// <summary>A complete gzip member holding zero bytes: header, an empty final deflate block, CRC 0, size 0.</summary>
    private static readonly byte[] EmptyGzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// Creates <paramref name="path"/> (and its folder) from what <paramref name="write"/> writes; gzip-compressed
    /// when the path ends in <c>.gz</c>. If <paramref name="write"/> throws, neither the file nor a temp file remains.
    /// </summary>
    /// <exception cref="OutputFileException">The target is a folder, or cannot be written (permission, disk full).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var target = OutputPaths.Target(path);
        if (FileKinds.Of(target) == FileKind.Special)
        {
            WriteStraight(path, target, write);
            return;
        }
        using var staged = Stage(path, write);
        staged.Commit();
    }

    /// <summary>
    /// Writes what <paramref name="write"/> writes (gzip for <c>.gz</c>) into a temp file beside <paramref name="path"/>,
    /// which replaces it only at <see cref="StagedFile.Commit"/>: several files can be written in full first and then
    /// replaced together. If <paramref name="write"/> throws, no temp file remains.
    /// </summary>
    /// <exception cref="OutputFileException">The target is a folder, or cannot be written (permission, disk full).</exception>
    internal static StagedFile Stage(string path, Action<Stream> write) => StageVia(path, temp =>
    {
        using var file = Guarded(path, () => new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        WriteContent(path, file, write);
        file.Flush(flushToDisk: true);
    });

    /// <summary>
    /// Lets <paramref name="writeTemp"/> create a temp file (same extension as <paramref name="path"/>, for tools that
    /// care, e.g. a browser writing a screenshot), then moves it onto <paramref name="path"/> (onto a link's target;
    /// into a device or FIFO, copied). If <paramref name="writeTemp"/> throws, neither the file nor the temp file remains.
    /// </summary>
    /// <exception cref="OutputFileException">The target is a folder, or cannot be written (permission, disk full).</exception>
    public static void WriteVia(string path, Action<string> writeTemp)
    {
        using var staged = StageVia(path, writeTemp);
        staged.Commit();
    }

    private static StagedFile StageVia(string path, Action<string> writeTemp)
    {
        var target = OutputPaths.Target(path);
        var kind = FileKinds.Of(target);
        if (kind == FileKind.Directory) throw new OutputFileException($"Cannot write {path}: it is a folder; give a file name.");
        Guarded(path, () => Directory.CreateDirectory(Path.GetDirectoryName(target)!));
        TempFiles.RemoveStale(target);
        var staged = new StagedFile(path, target, TempFiles.NameFor(target), kind == FileKind.Special);
        try
        {
            writeTemp(staged.Temp);
            return staged;
        }
        catch (Exception e) when (e is UnauthorizedAccessException || OutputFileException.IsWriteFailure(e))
        {
            staged.Dispose();
            throw OutputFileException.For(path, e);
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>A staged file's move onto its target (a copy into a device or FIFO).</summary>
    internal static void Replace(StagedFile staged)
    {
        if (staged.IntoSpecial)
            WriteStraight(staged.Path, staged.Target, stream => { using var content = File.OpenRead(staged.Temp); content.CopyTo(stream); });
        else Guarded(staged.Path, () => File.Move(staged.Temp, staged.Target, overwrite: true));
    }

    private static void WriteStraight(string path, string target, Action<Stream> write)
    {
        // FileMode.Open: a device cannot be created or truncated; a FIFO blocks here until someone reads it.
        var stream = Guarded(path, () => new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite));
        try
        {
            using (stream) // disposing flushes the last bytes: a full device may refuse only then
            {
                WriteContent(path, stream, write);
                stream.Flush();
            }
        }
        catch (IOException e) when (OutputFileException.IsWriteFailure(e) || e.HResult == 5) { throw OutputFileException.For(path, e); }
    }

    private static void WriteContent(string path, FileStream file, Action<Stream> write)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            long start = file.CanSeek ? file.Position : 0;
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                write(gzip);
            // GZipStream writes nothing at all for empty content, which no gzip reader accepts.
            if (file.CanSeek && file.Position == start) file.Write(EmptyGzip);
        }
        else
        {
            write(file);
        }
    }

    private static void Guarded(string path, Action action) => Guarded(path, () => { action(); return 0; });

    private static T Guarded<T>(string path, Func<T> action)
    {
        try { return action(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw OutputFileException.For(path, e); }
    }
}

/// <summary>
/// A file written in full to a temp file beside its target (<see cref="AtomicFile.Stage"/>), waiting to replace it.
/// Disposing it without <see cref="Commit"/> (a failure, a signal) removes the temp file and leaves the target as it was.
/// </summary>
internal sealed class StagedFile(string path, string target, string temp, bool intoSpecial) : IDisposable
{
    /// <summary>The path as the user gave it (for messages).</summary>
    public string Path { get; } = path;

    /// <summary>The file finally replaced (links followed).</summary>
    public string Target { get; } = target;

    /// <summary>The temp file holding the content.</summary>
    public string Temp { get; } = temp;

    /// <summary>True when the target is a device or FIFO, written into rather than replaced.</summary>
    public bool IntoSpecial { get; } = intoSpecial;

    /// <summary>Replaces the target with the content (a rename; a copy into a device or FIFO).</summary>
    /// <exception cref="OutputFileException">It could not be.</exception>
    public void Commit() => AtomicFile.Replace(this);

    /// <summary>Removes the temp file if it is still there.</summary>
    public void Dispose() => File.Delete(Temp);
}

/// <summary>
/// Temp files that say whose they are: <c>.NAME.pricer-PID-RANDOM.tmpEXT</c> beside the target NAME. A temp file whose
/// process has ended (killed before it could clean up) is stale, and the next write to the same target removes it.
/// </summary>
internal static class TempFiles
{
    private const string Marker = ".pricer-";

    /// <summary>A fresh temp file name for <paramref name="target"/>, in its folder, with its extension.</summary>
    public static string NameFor(string target) => Path.Combine(Path.GetDirectoryName(target)!,
        $".{Path.GetFileName(target)}{Marker}{Environment.ProcessId}-{Guid.NewGuid():N}.tmp{Path.GetExtension(target)}");

    /// <summary>Removes the temp files of <paramref name="target"/> left by processes that no longer run.</summary>
    public static void RemoveStale(string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        var prefix = $".{Path.GetFileName(target)}{Marker}";
        foreach (var temp in Directory.EnumerateFiles(folder, prefix + "*"))
        {
            var rest = Path.GetFileName(temp)[prefix.Length..];
            var owner = rest.Split('-', 2)[0];
            if (!rest.Contains(".tmp", StringComparison.Ordinal) || !int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || IsRunning(pid)) continue;
            try { File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // someone else's to clean
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try { using var process = Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}

/// <summary>Checks on output paths made before any work starts.</summary>
public static class OutputPaths
{
    /// <summary>The full path <paramref name="path"/> finally names, after following symbolic links.</summary>
    public static string Target(string path)
    {
        var full = Path.GetFullPath(path);
        var link = new FileInfo(full).LinkTarget is null ? null : File.ResolveLinkTarget(full, returnFinalTarget: true);
        return link?.FullName ?? full;
    }

    /// <summary>Refuses an output that is one of the inputs (the same file after following links).</summary>
    /// <exception cref="OutputFileException">It is.</exception>
    public static void RefuseInputs(string output, IEnumerable<string> inputs)
    {
        var target = Target(output);
        foreach (var input in inputs)
            if (string.Equals(Target(input), target, StringComparison.Ordinal))
                throw new OutputFileException($"The output {output} is also an input ({input}); it would be overwritten. Write to another file.");
    }

    /// <summary>
    /// Checks, before the work, that the file <paramref name="path"/> can be written: not a folder, and its folder
    /// exists or can be made, and takes a new file.
    /// </summary>
    /// <exception cref="OutputFileException">It cannot.</exception>
    public static void CheckFile(string path)
    {
        var target = Target(path);
        switch (FileKinds.Of(target))
        {
            case FileKind.Directory: throw new OutputFileException($"Cannot write {path}: it is a folder; give a file name.");
            case FileKind.Special: return; // written straight into; only writing tells whether it takes the bytes
        }
        Probe(path, Path.GetDirectoryName(target)!);
    }

    /// <summary>
    /// Checks, before the work, that files can be created in the folder <paramref name="folder"/>: it, or the nearest
    /// folder above it that exists (where it would be made), takes a new file. Leaves nothing behind.
    /// </summary>
    /// <exception cref="OutputFileException">They cannot.</exception>
    public static void CheckFolder(string folder)
    {
        var full = Target(folder);
        if (FileKinds.Of(full) is FileKind.Regular or FileKind.Special)
            throw new OutputFileException($"Cannot write into {folder}: it is a file, not a folder.");
        Probe(folder, full);
    }

    private static void Probe(string shown, string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new OutputFileException($"Cannot write {shown}: {existing} is a file, not a folder.");
            existing = Path.GetDirectoryName(existing) ?? throw new OutputFileException($"Cannot write {shown}: no such folder.");
        }
        var probe = TempFiles.NameFor(Path.Combine(existing, "probe"));
        try
        {
            File.WriteAllBytes(probe, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw OutputFileException.For(shown, e); }
        finally
        {
            try { File.Delete(probe); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
