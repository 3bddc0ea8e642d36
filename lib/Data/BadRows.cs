namespace PricerLib.Data;

/// <summary>What <see cref="ItemStore.Load(string, BadRows)"/> does with a row that is not a valid item.</summary>
public enum BadRows
{
    /// <summary>Throw an <see cref="ItemFileException"/> naming the file and the first bad line.</summary>
    Throw,
    /// <summary>Leave the row out and count it by <see cref="ItemRowProblem"/> in the <see cref="ItemLoadResult"/>.</summary>
    Skip,
}
