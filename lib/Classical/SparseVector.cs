namespace PricerLib.Classical;

/// <summary>A row of a sparse matrix: column indices in increasing order and their values.</summary>
/// <param name="Indices">Columns with a non-zero value, ascending.</param>
/// <param name="Values">The values, one per index.</param>
public sealed record SparseVector(int[] Indices, double[] Values)
{
    /// <summary>The row as a dense array of <paramref name="length"/> values.</summary>
    public float[] ToDense(int length)
    {
        var dense = new float[length];
        for (int k = 0; k < Indices.Length; k++) dense[Indices[k]] = (float)Values[k];
        return dense;
    }
}
