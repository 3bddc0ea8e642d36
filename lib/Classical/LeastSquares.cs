using MathNet.Numerics.LinearAlgebra;

namespace PricerLib.Classical;

/// <summary>
/// Ordinary least squares with an intercept and no regularisation — scikit-learn's <c>LinearRegression</c> — solved
/// here because ML.NET's OLS trainer needs the Intel MKL components, which are not served. The columns are centred
/// (that is the intercept), the normal equations are scaled to unit diagonal and solved by Cholesky; where they are
/// singular or nearly so (duplicate or constant columns, fewer rows than columns), by a pivoted Cholesky that stops at
/// the numerical rank, giving the minimum-norm solution (in the scaled columns) as scikit-learn's <c>lstsq</c>/<c>lsqr</c> do.
/// </summary>
public static class LeastSquares
{
    // Cholesky pivots (squared; of the unit-diagonal matrix) below this share of the largest count as zero.
    private const double RankTolerance = 1e-10;

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

        // Centred rows keep the products accurate; each chunk adds x·xᵀ into the upper triangle.
        var (gram, moment, _) = Accumulate(n, p, () => new double[p], (r, x, g, m, _) =>
        {
            for (int j = 0; j < p; j++) x[j] = value(r, j) - means[j];
            double y = targets[r] - targetMean;
            for (int j = 0; j < p; j++)
            {
                double xj = x[j];
                if (xj == 0) continue;
                m[j] += xj * y;
                AddScaled(g.AsSpan(j * p + j, p - j), x.AsSpan(j), xj);
            }
        });
        var full = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? gram[i * p + j] : gram[j * p + i]);
        return Solve(full, Vector<double>.Build.Dense(moment), means, targetMean);
    }

    /// <summary>Fits sparse rows of <paramref name="columns"/> features to <paramref name="targets"/>.</summary>
    public static LinearModel Fit(IReadOnlyList<SparseVector> rows, int columns, IReadOnlyList<double> targets)
    {
        int p = CheckShape(rows.Count, targets.Count, columns);
        int n = rows.Count;
        double targetMean = targets.Average();
        // Each chunk adds x·xᵀ of the raw sparse rows into the lower triangle (indices are ascending).
        var (gram, moment, sums) = Accumulate(n, p, () => [], (r, _, g, m, sum) =>
        {
            var (indices, values) = (rows[r].Indices, rows[r].Values);
            double y = targets[r] - targetMean;
            for (int a = 0; a < indices.Length; a++)
            {
                int i = indices[a];
                sum[i] += values[a];
                m[i] += values[a] * y;
                for (int b = 0; b <= a; b++) g[i * p + indices[b]] += values[a] * values[b];
            }
        });
        // Centre afterwards, keeping the rows sparse: Σ(x−m)(x−m)ᵀ = Σxxᵀ − n·m·mᵀ (the targets are already centred).
        var means = sums.Select(s => s / n).ToArray();
        var centred = Matrix<double>.Build.Dense(p, p, (i, j) =>
            (i >= j ? gram[i * p + j] : gram[j * p + i]) - n * means[i] * means[j]);
        return Solve(centred, Vector<double>.Build.Dense(moment), means, targetMean);
    }

    // Rows are summed in a fixed number of chunks, in parallel, and the chunks merged in order: the sums (and the fit)
    // come out the same on any number of cores. addRow(row, scratch, gram p×p, moment, sums).
    private const int Chunks = 8;

    private delegate void RowAdder(int row, double[] scratch, double[] gram, double[] moment, double[] sums);

    private static (double[] Gram, double[] Moment, double[] Sums) Accumulate(int n, int p, Func<double[]> scratch, RowAdder addRow)
    {
        var parts = new (double[] Gram, double[] Moment, double[] Sums)[Math.Min(Chunks, n)];
        Parallel.For(0, parts.Length, c =>
        {
            var part = (new double[p * p], new double[p], new double[p]);
            var buffer = scratch();
            for (int r = (int)((long)n * c / parts.Length), end = (int)((long)n * (c + 1) / parts.Length); r < end; r++)
                addRow(r, buffer, part.Item1, part.Item2, part.Item3);
            parts[c] = part;
        });
        var total = parts[0];
        foreach (var part in parts.Skip(1))
        {
            AddScaled(total.Gram, part.Gram, 1);
            AddScaled(total.Moment, part.Moment, 1);
            AddScaled(total.Sums, part.Sums, 1);
        }
        return total;
    }

    private static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var t = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(target);
            var s = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(source[..target.Length]);
            var f = new System.Numerics.Vector<double>(factor);
            for (int v = 0; v < t.Length; v++) t[v] += s[v] * f;
            i = t.Length * System.Numerics.Vector<double>.Count;
        }
        for (; i < target.Length; i++) target[i] += source[i] * factor;
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
        return MinimumNorm(unit.ToColumnMajorArray(), right.ToArray(), unit.RowCount);
    }

    // The minimum-norm solution of the singular unit-diagonal system a·x = b (a p×p, symmetric positive semidefinite):
    // a pivoted Cholesky a ≈ P·L·Lᵀ·Pᵀ (L p×r of full column rank) in O(p²r), then the shortest solution of
    // L·Lᵀ·x = b through the smaller of the r×r Gram matrix and the (p−r)-dimensional null space — instead of a full
    // eigendecomposition. Tolerance: it stops when every remaining pivot (a diagonal of the Schur complement) is at most
    // RankTolerance × the largest diagonal (1), the share the unpivoted test above uses. The dropped eigenvalues are at
    // most that remainder's trace, ≤ (p−r)·RankTolerance, while the eigendecomposition dropped those ≤ RankTolerance·λmax
    // (1 ≤ λmax ≤ p): the two agree wherever the spectrum has a gap at that scale — always for exact dependencies
    // (duplicate or collinear columns, fewer rows than columns), whose pivots are rounding noise — and may differ for
    // eigenvalues near the cut: within a factor of p, or where pivots overstate a small eigenvalue (rare with pivoting).
    private static Vector<double> MinimumNorm(double[] a, double[] b, int p)
    {
        var l = new double[p * p]; // row i holds L's row for a's row i (unpermuted); column k for the k-th pivot
        var residual = new double[p];
        var order = new int[p]; // order[k] = the k-th pivot's row; the rows after r are the ones not yet pivoted
        for (int i = 0; i < p; i++) (residual[i], order[i]) = (a[i * p + i], i);
        double cut = RankTolerance * residual.Max();
        int r = 0;
        for (; r < p; r++)
        {
            int best = r;
            for (int k = r + 1; k < p; k++)
                if (residual[order[k]] > residual[order[best]]) best = k;
            int q = order[best];
            if (!(residual[q] > cut)) break;
            (order[r], order[best]) = (q, order[r]);
            double pivot = Math.Sqrt(residual[q]);
            l[q * p + r] = pivot;
            int step = r;
            Parallel.For(0, Math.Min(Chunks, p - step - 1), c =>
            {
                int count = p - step - 1, parts = Math.Min(Chunks, count);
                for (int k = step + 1 + count * c / parts, end = step + 1 + count * (c + 1) / parts; k < end; k++)
                {
                    int i = order[k];
                    double value = (a[q * p + i] - Dot(l.AsSpan(i * p, step), l.AsSpan(q * p, step))) / pivot;
                    l[i * p + step] = value;
                    residual[i] -= value * value;
                }
            });
        }

        return 2 * r <= p ? ThroughGram(l, b, p, r) : ThroughNullSpace(l, b, order, p, r);
    }

    // Low rank, O(p·r²): a⁺ = L·(LᵀL)⁻²·Lᵀ, so (LᵀL)·y = Lᵀb twice, then x = L·y; LᵀL is positive definite.
    private static Vector<double> ThroughGram(double[] l, double[] b, int p, int r)
    {
        var factor = Matrix<double>.Build.Dense(p, r, (i, k) => l[i * p + k]);
        var gram = factor.TransposeThisAndMultiply(factor).Cholesky();
        var y = gram.Solve(gram.Solve(factor.TransposeThisAndMultiply(Vector<double>.Build.Dense(b))));
        return factor * y;
    }

    // High rank, O(p·r·(p−r)): in pivot order L = [L11; L21] (L11 r×r lower triangular). b lies in a's range (it is
    // Xᵀy), so x0 = [L11⁻ᵀL11⁻¹b1; 0] solves the system; the null space of Lᵀ is spanned by N = [−Wᵀ; I] with
    // W = L21·L11⁻¹, and the shortest solution is x0 − N·(NᵀN)⁻¹·Nᵀx0 = [u + Wᵀc; −c], NᵀN = I + WWᵀ, c its solve.
    private static Vector<double> ThroughNullSpace(double[] l, double[] b, int[] order, int p, int r)
    {
        int rest = p - r;
        var u = new double[r];
        for (int k = 0; k < r; k++)
        {
            var row = l.AsSpan(order[k] * p, k + 1);
            u[k] = (b[order[k]] - Dot(row[..k], u.AsSpan(0, k))) / row[k];
        }
        SolveTransposed(l, order, p, u);
        var x = Vector<double>.Build.Dense(p);
        if (rest > 0) // else a is definite after all: x = x0
        {
            var w = new double[rest * r];
            Parallel.For(0, rest, j =>
            {
                l.AsSpan(order[r + j] * p, r).CopyTo(w.AsSpan(j * r, r));
                SolveTransposed(l, order, p, w.AsSpan(j * r, r));
            });
            var normal = Matrix<double>.Build.Dense(rest, rest);
            var projection = Vector<double>.Build.Dense(rest);
            Parallel.For(0, rest, j =>
            {
                var wj = w.AsSpan(j * r, r);
                projection[j] = -Dot(wj, u);
                for (int k = 0; k <= j; k++) normal[j, k] = normal[k, j] = (j == k ? 1 : 0) + Dot(wj, w.AsSpan(k * r, r));
            });
            var c = normal.Cholesky().Solve(projection);
            for (int j = 0; j < rest; j++)
            {
                AddScaled(u, w.AsSpan(j * r, r), c[j]);
                x[order[r + j]] = -c[j];
            }
        }
        for (int k = 0; k < r; k++) x[order[k]] = u[k];
        return x;
    }

    // t ← L11⁻ᵀ·t by back substitution along L11's rows (rows of l in pivot order).
    private static void SolveTransposed(double[] l, int[] order, int p, Span<double> t)
    {
        for (int k = t.Length - 1; k >= 0; k--)
        {
            var row = l.AsSpan(order[k] * p, k + 1);
            t[k] /= row[k];
            AddScaled(t[..k], row[..k], -t[k]);
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var vx = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(x);
            var vy = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(y[..x.Length]);
            var total = System.Numerics.Vector<double>.Zero;
            for (int v = 0; v < vx.Length; v++) total += vx[v] * vy[v];
            sum = System.Numerics.Vector.Sum(total);
            i = vx.Length * System.Numerics.Vector<double>.Count;
        }
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }
}
