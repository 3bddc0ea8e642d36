using MathNet.Numerics.LinearAlgebra;
using PricerLib.Classical;

namespace PricerLib.Tests.Classical;

/// <summary>
/// Singular least squares against the minimum-norm solution computed independently: the SVD pseudo-inverse of the
/// centred columns scaled to unit norm (the scaling <see cref="LeastSquares"/> minimises the norm in), not the normal
/// equations, at 1e-7 of the weights' size. A solution that fits the training rows but is not the shortest differs in its weights and in its guesses
/// off the rows' span, which both assertions check.
/// </summary>
public class MinimumNormTests
{
    public static TheoryData<string, int> Problems() => new()
    {
        { "duplicate", 1 }, { "duplicate", 2 }, { "collinear", 3 }, { "collinear", 4 }, { "wide", 5 }, { "wide", 6 },
        { "constant", 7 }, { "near", 8 }, { "all", 9 }, { "all", 10 },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Dense_rows_get_the_minimum_norm_solution(string kind, int seed)
    {
        var (rows, y) = Problem(kind, seed);
        AssertMinimumNorm(rows, y, LeastSquares.Fit(rows, y), seed);
        var single = rows.Select(r => r.Select(v => (float)v).ToArray()).ToList();
        AssertMinimumNorm(single.Select(r => r.Select(v => (double)v).ToArray()).ToList(), y, LeastSquares.Fit(single, y), seed);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Sparse_rows_get_the_minimum_norm_solution(string kind, int seed)
    {
        var (rows, y) = Problem(kind, seed);
        AssertMinimumNorm(rows, y, LeastSquares.Fit(Sparse(rows), rows[0].Length, y), seed);
    }

    // A bag of words as nlp-lr sees it: fewer items than words, words that always come together, words never seen.
    [Fact]
    public void Word_counts_with_fewer_items_than_words_get_the_minimum_norm_solution()
    {
        var random = new Random(11);
        const int words = 150;
        var rows = Enumerable.Range(0, 60).Select(_ =>
        {
            var counts = new double[words];
            for (int j = 0; j < 120; j++) if (random.NextDouble() < 0.05) counts[j] = random.Next(1, 4);
            counts[120] = counts[121] = counts[7]; // a phrase: always together
            return counts;
        }).ToList();
        var y = rows.Select(r => 20 + 30 * r[3] - 5 * r[7] + 8 * r[50] + random.NextDouble() * 10).ToList();
        AssertMinimumNorm(rows, y, LeastSquares.Fit(Sparse(rows), words, y), 11);
    }

    private static List<SparseVector> Sparse(List<double[]> rows) => rows.Select(r =>
    {
        var indices = Enumerable.Range(0, r.Length).Where(j => r[j] != 0).ToArray();
        return new SparseVector(indices, indices.Select(j => r[j]).ToArray());
    }).ToList();

    private static (List<double[]> Rows, List<double> Targets) Problem(string kind, int seed)
    {
        var random = new Random(seed);
        int n = kind is "wide" or "all" ? 12 : 40, basis = 6;
        var rows = Enumerable.Range(0, n).Select(_ =>
        {
            // Counts with zeros (sparse rows have something to skip) and real-valued columns.
            var x = Enumerable.Range(0, basis).Select(j => j % 2 == 0 ? random.Next(3) : random.NextDouble() * 10 - 5).ToList();
            if (kind is "duplicate" or "all") x.AddRange([x[0], x[3], x[0]]);
            if (kind is "collinear" or "all") x.AddRange([x[1] + x[2] - 0.5 * x[4], -3 * x[5]]);
            if (kind is "wide" or "all") x.AddRange(Enumerable.Range(0, 20).Select(_ => random.Next(4) == 0 ? random.Next(1, 3) : 0.0));
            if (kind is "constant" or "all") x.AddRange([0, 4.5]);
            if (kind == "near") x.AddRange([x[1], x[1] + 1e-2 * (random.NextDouble() - 0.5)]); // kept: eigenvalue ~1e-6
            return x.ToArray();
        }).ToList();
        var y = rows.Select(x => 50 + 7 * x[0] - 3 * x[1] + 2 * x[3] + random.NextDouble()).ToList();
        return (rows, y);
    }

    private static void AssertMinimumNorm(List<double[]> rows, IReadOnlyList<double> y, LinearModel model, int seed)
    {
        int n = rows.Count, p = rows[0].Length;
        var x = Matrix<double>.Build.Dense(n, p, (r, j) => rows[r][j]);
        var means = Enumerable.Range(0, p).Select(j => x.Column(j).Average()).ToArray();
        var centred = Matrix<double>.Build.Dense(n, p, (r, j) => x[r, j] - means[j]);
        var norms = Enumerable.Range(0, p).Select(j => centred.Column(j).L2Norm()).ToArray();
        var scaled = Matrix<double>.Build.Dense(n, p, (r, j) => norms[j] > 1e-9 ? centred[r, j] / norms[j] : 0);
        double targetMean = y.Average();
        // Singular values whose squares (the eigenvalues of the unit-diagonal normal equations) fall below 1e-10 of the
        // largest count as zero, as in LeastSquares: single-precision rows make exact dependencies inexact by ~1e-7.
        var svd = scaled.Svd();
        double cut = 1e-5 * svd.S[0];
        var centredTargets = Vector<double>.Build.Dense(n, r => y[r] - targetMean);
        var shortest = Vector<double>.Build.Dense(p);
        for (int k = 0; k < svd.S.Count && svd.S[k] > cut; k++)
            shortest += svd.VT.Row(k) * (svd.U.Column(k) * centredTargets / svd.S[k]);
        var expected = Enumerable.Range(0, p).Select(j => norms[j] > 1e-9 ? shortest[j] / norms[j] : 0).ToArray();
        double intercept = targetMean - expected.Zip(means).Sum(w => w.First * w.Second);

        double size = 1 + expected.Max(Math.Abs);
        for (int j = 0; j < p; j++)
            Assert.True(Math.Abs(model.Coefficients[j] - expected[j]) <= 1e-7 * size, $"weight {j}: {model.Coefficients[j]} vs {expected[j]}");
        Assert.True(Math.Abs(model.Intercept - intercept) <= 1e-7 * (1 + Math.Abs(intercept)), $"intercept: {model.Intercept} vs {intercept}");
        var random = new Random(seed + 100);
        for (int t = 0; t < 20; t++)
        {
            var fresh = Enumerable.Range(0, p).Select(_ => random.NextDouble() * 6 - 3).ToArray();
            double guess = intercept + expected.Zip(fresh).Sum(w => w.First * w.Second);
            double scale = 1 + Math.Abs(intercept) + expected.Zip(fresh).Sum(w => Math.Abs(w.First * w.Second));
            Assert.True(Math.Abs(model.Predict(fresh) - guess) <= 1e-7 * scale, $"guess: {model.Predict(fresh)} vs {guess}");
        }
    }
}
