using MathNet.Numerics.LinearAlgebra;
using Microsoft.Data.Analysis;
using Plotly.NET;
using PricerLib.Charts;
using Chart = Plotly.NET.CSharp.Chart;

namespace PricerLib.Retrieval;

/// <summary>The week 8 day 2.1 views of a vector store: a neighbours table and a 2D map of the vectors by category.</summary>
public static class VectorMaps
{
    /// <summary>Neighbours as a table: rank, distance, price, category, title.</summary>
    public static DataFrame NeighbourTable(IReadOnlyList<Neighbour> neighbours) => new(
        new Int32DataFrameColumn("rank", Enumerable.Range(1, neighbours.Count)),
        new SingleDataFrameColumn("distance", neighbours.Select(n => n.Distance)),
        new DoubleDataFrameColumn("price", neighbours.Select(n => n.Price)),
        new StringDataFrameColumn("category", neighbours.Select(n => n.Category ?? "")),
        new StringDataFrameColumn("title", neighbours.Select(n => n.Title)));

    /// <summary>The first two principal components of <paramref name="vectors"/> (see <see cref="PrincipalComponents"/>).</summary>
    /// <remarks>
    /// The course draws scikit-learn's t-SNE (random_state 42); no t-SNE is served for .NET here, and PCA through MathNet
    /// is exact and reproducible. PCA keeps global distances, so categories overlap more than in t-SNE's clusters.
    /// </remarks>
    public static (double X, double Y)[] Pca2D(IReadOnlyList<float[]> vectors) =>
        PrincipalComponents(vectors, 2).Select(p => (p[0], p[1])).ToArray();

    /// <summary>
    /// The first <paramref name="count"/> principal components of each of <paramref name="vectors"/> (centred; each axis'
    /// sign fixed so its largest loading is positive, for the same picture every run).
    /// </summary>
    public static double[][] PrincipalComponents(IReadOnlyList<float[]> vectors, int count)
    {
        if (vectors.Count < 2) throw new ArgumentException("A map needs at least two vectors.", nameof(vectors));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, vectors[0].Length);
        var data = Matrix<double>.Build.Dense(vectors.Count, vectors[0].Length, (r, c) => vectors[r][c]);
        var mean = data.ColumnSums() / vectors.Count;
        var centred = data - Matrix<double>.Build.Dense(vectors.Count, mean.Count, (_, c) => mean[c]);
        var evd = (centred.TransposeThisAndMultiply(centred) / (vectors.Count - 1)).Evd(Symmetricity.Symmetric);
        // Eigenvalues come in ascending order: the last columns are the top components.
        int n = evd.EigenVectors.ColumnCount;
        var axes = Matrix<double>.Build.DenseOfColumnVectors(Enumerable.Range(1, count).Select(k => Oriented(evd.EigenVectors.Column(n - k))));
        var projected = centred * axes;
        return Enumerable.Range(0, vectors.Count).Select(r => projected.Row(r).ToArray()).ToArray();
    }

    /// <summary>
    /// The course's "2D Chroma Vectorstore Visualization": the first <paramref name="maxPoints"/> rows of the store
    /// projected to 2D (<see cref="Pca2D"/>), one colour per category, the document's start on hover.
    /// </summary>
    public static GenericChart CategoryMap(VectorStore store, int maxPoints = 2_000)
    {
        int count = Math.Min(maxPoints, store.Count);
        var points = Pca2D(Enumerable.Range(0, count).Select(r => store.Vector(r).ToArray()).ToList());
        var traces = Enumerable.Range(0, count).GroupBy(r => store.Rows[r].Category ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(group => Chart.Point<double, double, string>(
                group.Select(r => points[r].X), group.Select(r => points[r].Y),
                Name: group.Key,
                MultiText: group.Select(r => $"Category: {group.Key}<br>Text: {Start(store.Rows[r].Document)}...").ToArray(),
                Marker: ChartStyle.MarkerOfSize(4),
                Opacity: 0.7));
        return Chart.Combine(traces).Framed("2D vector store map (PCA of the MiniLM vectors; the course draws t-SNE)", "PC 1", "PC 2", 1200, 800);
    }

    private static string Start(string document) => document.Length <= 50 ? document : document[..50];

    private static Vector<double> Oriented(Vector<double> axis) => axis[axis.AbsoluteMaximumIndex()] < 0 ? -axis : axis;
}
