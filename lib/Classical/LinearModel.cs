namespace PricerLib.Classical;

/// <summary>A fitted linear function <c>intercept + Σ coefficient·x</c>, as scikit-learn's <c>LinearRegression</c> keeps it.</summary>
/// <param name="Coefficients">One weight per feature column (<c>coef_</c>).</param>
/// <param name="Intercept">The constant term (<c>intercept_</c>).</param>
public sealed record LinearModel(double[] Coefficients, double Intercept)
{
    /// <summary>The prediction for a dense row.</summary>
    public double Predict(ReadOnlySpan<float> x)
    {
        Check(x.Length);
        double sum = Intercept;
        for (int i = 0; i < x.Length; i++) sum += Coefficients[i] * x[i];
        return sum;
    }

    /// <summary>The prediction for a dense row.</summary>
    public double Predict(ReadOnlySpan<double> x)
    {
        Check(x.Length);
        double sum = Intercept;
        for (int i = 0; i < x.Length; i++) sum += Coefficients[i] * x[i];
        return sum;
    }

    /// <summary>The prediction for a sparse row.</summary>
    public double Predict(SparseVector x)
    {
        double sum = Intercept;
        for (int k = 0; k < x.Indices.Length; k++) sum += Coefficients[x.Indices[k]] * x.Values[k];
        return sum;
    }

    private void Check(int length)
    {
        if (length != Coefficients.Length)
            throw new ArgumentException($"The row has {length} features; the model was fitted on {Coefficients.Length}.");
    }
}
