using PricerLib;
using PricerLib.Data;

namespace Pricer.Cli.Commands;

/// <summary>Loads an items file for a verb; anything unreadable becomes a message, not a stack trace.</summary>
internal static class ItemFiles
{
    public static IReadOnlyList<Item> Load(string path)
    {
        if (!File.Exists(path)) throw new PricerException($"No such items file: {path}");
        try { return ItemStore.Load(path); }
        catch (Exception e) when (e is ItemFileException or IOException or InvalidDataException)
        {
            throw new PricerException($"Cannot read items from {path}: {e.Message}", inner: e);
        }
    }
}
