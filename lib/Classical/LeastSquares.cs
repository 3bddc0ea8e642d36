using MathNet.Numerics.LinearAlgebra;

namespace PricerLib.Classical;

/// <summary>
/// Ordinary least squares with an intercept and no regularisation — scikit-learn's <c>LinearRegression</c> — solved
/// here because ML.NET's OLS trainer needs the Intel MKL components, which are not served. The columns are centred
/// (that is the intercept), the normal equations are scaled to unit diagonal and solved by Cholesky; where they are
/// singular or nearly so (duplicate or constant columns), by a symmetric eigendecomposition that drops the null
/// directions, giving the minimum-norm solution (in the scaled columns) as scikit-learn's <c>lstsq</c>/<c>lsqr</c> do.
/// </summary>
public static class LeastSquares
{
    // Eigenvalues (of the unit-diagonal matrix) below this share of the largest count as zero.
    private const double RankTolerance = 1e-10;
    private const int BlockRows = 2048;

    /// <summary>Fits dense single-precision rows (all of one length) to <paramref name="targets"/>.</summary>
    public static LinearModel Fit(IReadOnlyList<float[]> rows, IReadOnlyList<double> targets) =>
        FitDense(rows.Count, rows.Count > 0 ? rows[0].Length : 0, r => rows[r].Length, (r, c) => rows[r][c], targets);

    /// <summary>Fits dense rows (all of one length) to <paramref name="targets"/>.</summary>
    public static LinearModel Fit(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets) =>
        FitDense(rows.Count, rows.Count > 0 ? rows[0].Length : 0, r => rows[r].Length, (r, c) => rows[r][c], targets);

    private static LinearModel FitDense(int n, int columns, Func<int, int> length, Func<int, int, double> value, IReadOnlyList<double> targets)
    {
        int p = CheckShape(n, targets.Count, columns);
        var means = new double[p];
        for (int r = 0; r < n; r++)
        {
            if (length(r) != p) throw new ArgumentException("Every row must have the same number of features.", nameof(value));
            for (int j = 0; j < p; j++) means[j] += value(r, j);
        }
        for (int j = 0; j < p; j++) means[j] /= n;
        double targetMean = targets.Average();

        // Centred blocks keep the products accurate and the memory bounded at 400,000 rows.
        var gram = Matrix<double>.Build.Dense(p, p);
        var moment = Vector<double>.Build.Dense(p);
        for (int start = 0; start < n; start += BlockRows)
        {
            int count = Math.Min(BlockRows, n - start);
            var block = Matrix<double>.Build.Dense(count, p, (r, c) => value(start + r, c) - means[c]);
            var y = Vector<double>.Build.Dense(count, r => targets[start + r] - targetMean);
            gram += block.TransposeThisAndMultiply(block);
            moment += block.TransposeThisAndMultiply(y);
        }
        return Solve(gram, moment, means, targetMean);
    }

    /// <summary>Fits sparse rows of <paramref name="columns"/> features to <paramref name="targets"/>.</summary>
    public static LinearModel Fit(IReadOnlyList<SparseVector> rows, int columns, IReadOnlyList<double> targets)
    {
        int p = CheckShape(rows.Count, targets.Count, columns);
        int n = rows.Count;
        double targetMean = targets.Average();
        var sums = new double[p];
        var gram = new double[p, p];
        var moment = new double[p];
        for (int r = 0; r < n; r++)
        {
            var (indices, values) = (rows[r].Indices, rows[r].Values);
            double y = targets[r] - targetMean;
            for (int a = 0; a < indices.Length; a++)
            {
                int i = indices[a];
                sums[i] += values[a];
                moment[i] += values[a] * y;
                for (int b = 0; b <= a; b++) gram[i, indices[b]] += values[a] * values[b];
            }
        }
        // Centre afterwards, keeping the rows sparse: Σ(x−m)(x−m)ᵀ = Σxxᵀ − n·m·mᵀ (the targets are already centred).
        var means = sums.Select(s => s / n).ToArray();
        var centred = Matrix<double>.Build.Dense(p, p, (i, j) =>
            (i >= j ? gram[i, j] : gram[j, i]) - n * means[i] * means[j]);
        return Solve(centred, Vector<double>.Build.Dense(moment), means, targetMean);
    }

    private static int CheckShape(int rows, int targets, int columns)
    {
        if (rows == 0) throw new ArgumentException("Least squares needs at least one row.");
        if (rows != targets) throw new ArgumentException($"{rows} rows but {targets} targets.");
        return columns;
    }

    private static LinearModel Solve(Matrix<double> gram, Vector<double> moment, double[] means, double targetMean)
    {
        int p = means.Length;
        var coefficients = new double[p];
        // Constant columns carry no information: weight 0, as the minimum-norm solution gives them.
        double largest = p == 0 ? 0 : Enumerable.Range(0, p).Max(i => gram[i, i]);
        var live = Enumerable.Range(0, p).Where(i => gram[i, i] > largest * 1e-14 && gram[i, i] > 0).ToArray();
        if (live.Length > 0)
        {
            var scale = live.Select(i => Math.Sqrt(gram[i, i])).ToArray();
            var unit = Matrix<double>.Build.Dense(live.Length, live.Length, (a, b) => gram[live[a], live[b]] / (scale[a] * scale[b]));
            var right = Vector<double>.Build.Dense(live.Length, a => moment[live[a]] / scale[a]);
            var solution = SolveUnitDiagonal(unit, right);
            for (int a = 0; a < live.Length; a++) coefficients[live[a]] = solution[a] / scale[a];
        }
        double intercept = targetMean;
        for (int j = 0; j < p; j++) intercept -= coefficients[j] * means[j];
        return new LinearModel(coefficients, intercept);
    }

    private static Vector<double> SolveUnitDiagonal(Matrix<double> unit, Vector<double> right)
    {
        try
        {
            var cholesky = unit.Cholesky();
            var pivots = cholesky.Factor.Diagonal();
            if (pivots.Minimum() * pivots.Minimum() > RankTolerance * pivots.Maximum() * pivots.Maximum())
                return cholesky.Solve(right);
        }
        catch (ArgumentException)
        {
            // Not positive definite: singular, handled below.
        }
        var evd = unit.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Real();
        double cut = values.Maximum() * RankTolerance;
        var inverse = values.Map(v => v > cut ? 1 / v : 0);
        var vectors = evd.EigenVectors;
        return vectors * (inverse.PointwiseMultiply(vectors.TransposeThisAndMultiply(right)));
    }
}
