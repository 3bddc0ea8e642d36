using PricerLib.Classical;

namespace PricerLib.Tests.Classical;

public class RegressionTests
{
    [Fact]
    public void Least_squares_recovers_an_exact_linear_function()
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, 50).Select(_ => new[] { random.NextDouble() * 1e6, random.NextDouble(), (double)random.Next(2) }).ToList();
        var y = rows.Select(r => 3 + 2e-4 * r[0] - 7 * r[1] + 11 * r[2]).ToList();
        var model = LeastSquares.Fit(rows, y);
        Assert.Equal(3, model.Intercept, 6);
        Assert.Equal(2e-4, model.Coefficients[0], 9);
        Assert.Equal(-7, model.Coefficients[1], 6);
        Assert.Equal(11, model.Coefficients[2], 6);
    }

    [Fact]
    public void Duplicate_and_constant_columns_get_the_minimum_norm_solution()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new[] { (float)i, (float)i, 5f }).ToList();
        var y = rows.Select(r => 1 + 4.0 * r[0]).ToList();
        var model = LeastSquares.Fit(rows, y);
        Assert.Equal(2, model.Coefficients[0], 6); // the weight splits evenly between the twins
        Assert.Equal(2, model.Coefficients[1], 6);
        Assert.Equal(0, model.Coefficients[2]);
        Assert.Equal(1, model.Intercept, 5);
        Assert.Equal(41, model.Predict([10f, 10f, 5f]), 4);
    }

    [Fact]
    public void Sparse_rows_fit_the_same_model_as_dense_ones()
    {
        var random = new Random(2);
        var dense = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 6).Select(_ => random.Next(4) == 0 ? (float)random.Next(1, 4) : 0f).ToArray()).ToList();
        var y = dense.Select(r => 10 + r[0] * 3 - r[3] * 2 + r[5] + random.NextDouble()).ToList();
        var sparse = dense.Select(r =>
        {
            var indices = Enumerable.Range(0, r.Length).Where(j => r[j] != 0).ToArray();
            return new SparseVector(indices, indices.Select(j => (double)r[j]).ToArray());
        }).ToList();
        var a = LeastSquares.Fit(dense, y);
        var b = LeastSquares.Fit(sparse, 6, y);
        Assert.Equal(a.Intercept, b.Intercept, 8);
        for (int j = 0; j < 6; j++) Assert.Equal(a.Coefficients[j], b.Coefficients[j], 8);
        Assert.Equal(a.Predict(dense[7]), b.Predict(sparse[7]), 8);
    }

    [Fact]
    public void One_row_or_one_price_fits_the_mean()
    {
        var one = LeastSquares.Fit([new[] { 3f, 4f }], [12.5]);
        Assert.Equal(12.5, one.Predict([9f, 9f]), 9);
        var flat = LeastSquares.Fit([new[] { 1f }, new[] { 2f }, new[] { 3f }], [7.0, 7.0, 7.0]);
        Assert.Equal(7, flat.Predict([10f]), 9);
    }

    [Fact]
    public void Linear_svr_fits_a_line_and_shrugs_off_an_outlier_that_pulls_least_squares()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new[] { i / 10f }).ToList();
        var y = rows.Select(r => 5 + 3.0 * r[0]).ToList();
        y[199] = 5000; // one wild price
        var svr = LinearSvr.Fit(rows, y);
        var ols = LeastSquares.Fit(rows, y);
        Assert.Equal(3, svr.Coefficients[0], 1);
        Assert.InRange(Math.Abs(svr.Predict([10f]) - 35), 0, 1.5);
        Assert.True(Math.Abs(ols.Predict([10f]) - 35) > 10, "least squares should be pulled by the outlier");
    }
}
