using System.ServiceModel.Syndication;
using System.Xml;

namespace PricerLib.Agents;

/// <summary>How the scanner reads feeds and pages.</summary>
/// <param name="Feeds">The RSS feeds (the course's by default, see <see cref="DealFeeds"/>).</param>
public sealed record DealFetchOptions(IReadOnlyList<Uri> Feeds)
{
    /// <summary>Entries read from each feed (the course: 10).</summary>
    public int EntriesPerFeed { get; init; } = 10;

    /// <summary>Pause after each page, to be polite to the site (the course: 0.5 s).</summary>
    public TimeSpan PagePause { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long one feed or page may take before it is skipped.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>What one fetch read, and what it skipped and why (counted, never silent).</summary>
public sealed class DealFetchCounts
{
    /// <summary>Feeds read.</summary>
    public int FeedsRead { get; internal set; }

    /// <summary>Feeds skipped (unreachable, timed out, not RSS).</summary>
    public int FeedsFailed { get; internal set; }

    /// <summary>Feed entries looked at.</summary>
    public int Entries { get; internal set; }

    /// <summary>Entries skipped because memory already holds their URL (or another feed had them).</summary>
    public int AlreadySeen { get; internal set; }

    /// <summary>Entries whose page could not be read or had no content section.</summary>
    public int PagesFailed { get; internal set; }

    /// <summary>Deals scraped: entries with their page text.</summary>
    public int Scraped { get; internal set; }
}

/// <summary>
/// Reads the deal feeds (System.ServiceModel.Syndication) and each new entry's page (AngleSharp), as the course's
/// <c>ScrapedDeal.fetch()</c>. Unlike the course, URLs already in memory are skipped before their page is fetched, and
/// a feed or page that fails is logged and skipped: the others are still read.
/// </summary>
/// <param name="http">The HTTP client (the caller owns it).</param>
/// <param name="options">Feeds, limits, pause and timeout.</param>
/// <param name="warn">Where each skip's reason goes.</param>
public sealed class DealFetcher(HttpClient http, DealFetchOptions options, Action<string> warn)
{
    /// <summary>The new deals of every feed, in feed order; <paramref name="counts"/> says what was read and skipped.</summary>
    public async Task<IReadOnlyList<ScrapedDeal>> FetchAsync(IReadOnlySet<string> seenUrls, DealFetchCounts counts, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(seenUrls, StringComparer.Ordinal);
        var deals = new List<ScrapedDeal>();
        foreach (var feed in options.Feeds)
        {
            var entries = await ReadFeedAsync(feed, cancellationToken).ConfigureAwait(false);
            if (entries is null)
            {
                counts.FeedsFailed++;
                continue;
            }
            counts.FeedsRead++;
            foreach (var entry in entries.Take(options.EntriesPerFeed))
            {
                counts.Entries++;
                var url = entry.Links.FirstOrDefault()?.Uri;
                if (url is null || !url.IsAbsoluteUri)
                {
                    counts.PagesFailed++;
                    warn($"An entry of {feed} has no link; skipped");
                    continue;
                }
                if (!seen.Add(url.AbsoluteUri))
                {
                    counts.AlreadySeen++;
                    continue;
                }
                var deal = await ScrapeAsync(entry, url, cancellationToken).ConfigureAwait(false);
                if (deal is null) counts.PagesFailed++;
                else
                {
                    counts.Scraped++;
                    deals.Add(deal);
                }
                if (options.PagePause > TimeSpan.Zero) await Task.Delay(options.PagePause, cancellationToken).ConfigureAwait(false);
            }
        }
        return deals;
    }

    private async Task<IReadOnlyList<SyndicationItem>?> ReadFeedAsync(Uri feed, CancellationToken cancellationToken)
    {
        var body = await GetAsync(feed, cancellationToken).ConfigureAwait(false);
        if (body is null) return null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            return SyndicationFeed.Load(reader).Items.ToList();
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or FormatException)
        {
            warn($"The feed {feed} is not RSS or Atom ({e.Message}); skipped");
            return null;
        }
    }

    private async Task<ScrapedDeal?> ScrapeAsync(SyndicationItem entry, Uri url, CancellationToken cancellationToken)
    {
        var page = await GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (page is null) return null;
        if (DealText.PageContent(page) is not var (details, features))
        {
            warn($"The page {url} has no content section; skipped");
            return null;
        }
        return new ScrapedDeal(entry.Title?.Text ?? "", DealText.Summary(entry.Summary?.Text ?? ""), url.AbsoluteUri, details, features);
    }

    private async Task<string?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.GetAsync(url, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                warn($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}; skipped");
                return null;
            }
            return await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            warn($"{url} did not answer within {options.Timeout.TotalSeconds:0.#} s; skipped");
            return null;
        }
        catch (HttpRequestException e)
        {
            warn($"{url} could not be read ({e.Message}); skipped");
            return null;
        }
    }
}
