using System.IO.Compression;
using System.Text;

namespace PricerLib.Tests.Amazon;

/// <summary>Writes small metadata files for the tests.</summary>
internal static class AmazonFiles
{
    public static string Write(string path, IEnumerable<string> lines, bool gzip = false) =>
        WriteBytes(path, Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))), gzip);

    public static string WriteBytes(string path, byte[] content, bool gzip = false)
    {
        if (!gzip) File.WriteAllBytes(path, content);
        else
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(content);
        }
        return path;
    }

    /// <summary>A raw-shape row (details an object, price a number) whose title is <c>item {i}</c>.</summary>
    public static string RawRow(int i, string price = "12.5") =>
        $$$"""{"main_category": "Appliances", "title": "item {{{i}}}", "price": {{{price}}}, "features": ["f{{{i}}}"], "description": ["d{{{i}}}"], "details": {"Brand": "Acmé", "Rank": {{{i}}}}}""";
}
