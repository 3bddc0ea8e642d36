using PricerLib.Data;

namespace PricerLib.Retrieval;

/// <summary>A training item found near a query document, as the course's RAG prompt uses it.</summary>
/// <param name="Index">The item's position in the items file the store was built from (ties are broken by it).</param>
/// <param name="Document">The item's document: the course's <c>description(item)</c>.</param>
/// <param name="Price">The item's price in dollars.</param>
/// <param name="Category">The item's category, where known.</param>
/// <param name="Title">The item's title.</param>
/// <param name="Distance">The L2 distance between the query's vector and the item's (Chroma's default metric).</param>
public sealed record Neighbour(int Index, string Document, double Price, string? Category, string Title, float Distance);

/// <summary>Finds the training items nearest a document, nearest first: the seam between the vector store and its users.</summary>
public interface INeighbourFinder
{
    /// <summary>The <paramref name="k"/> items nearest <paramref name="document"/>, nearest first.</summary>
    ValueTask<IReadOnlyList<Neighbour>> FindAsync(string document, int k, CancellationToken cancellationToken = default);
}
