using PricerLib;
using PricerLib.Data;
using PricerLib.Data.Dataset;

namespace Pricer.Cli.Commands;

/// <summary>Loads an items file for a verb; anything unreadable becomes a message, not a stack trace.</summary>
internal static class ItemFiles
{
    /// <summary>
    /// The items in <paramref name="path"/>; a file of a train/test pair that disagrees with the manifest beside it
    /// (<see cref="DatasetManifest"/>) is loaded with a warning on stderr.
    /// </summary>
    public static IReadOnlyList<Item> Load(string path)
    {
        if (!File.Exists(path)) throw new PricerException(Directory.Exists(path) ? $"{path} is a folder, not an items file." : $"No such items file: {path}");
        IReadOnlyList<Item> items;
        try { items = ItemStore.Load(path); }
        catch (Exception e) when (e is ItemFileException or IOException or InvalidDataException)
        {
            throw new PricerException($"Cannot read items from {path}: {e.Message}", inner: e);
        }
        foreach (var warning in DatasetManifest.Check(path)) CommandConsoles.Warn($"Warning: {warning}");
        return items;
    }
}
