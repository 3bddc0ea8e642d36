namespace PricerLib.Classical;

/// <summary>
/// scikit-learn's <c>LinearSVR()</c> as it trains by default: liblinear's dual coordinate descent for L2-regularised
/// epsilon-insensitive (L1) loss (<c>solve_l2r_l1l2_svr</c>), C = 1, epsilon = 0, the intercept as an extra feature
/// of value 1 that is regularised like the others (<c>intercept_scaling=1</c>), tolerance 1e-4, at most 1,000
/// passes, with liblinear's shrinking. Written here because ML.NET has no epsilon-insensitive regressor; the only
/// difference is the order of the coordinates in each pass (a seeded shuffle, not liblinear's own generator).
/// </summary>
public static class LinearSvr
{
    /// <summary>Fits rows (all of one length) to <paramref name="targets"/>.</summary>
    public static LinearModel Fit(IReadOnlyList<float[]> rows, IReadOnlyList<double> targets,
        double c = 1.0, double epsilon = 0.0, double tolerance = 1e-4, int maxIterations = 1000, int seed = 0)
    {
        int n = rows.Count;
        if (n == 0 || n != targets.Count) throw new ArgumentException($"{n} rows but {targets.Count} targets; need at least one of each.");
        int p = rows[0].Length;
        var w = new double[p + 1]; // last: the intercept's weight
        var beta = new double[n];
        var diagonal = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (rows[i].Length != p) throw new ArgumentException("Every row must have the same number of features.", nameof(rows));
            double sum = 1; // the intercept feature
            foreach (var x in rows[i]) sum += (double)x * x;
            diagonal[i] = sum;
        }
        var index = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        int active = n;
        double gMaxOld = double.PositiveInfinity, gNormInitial = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double gMaxNew = 0, gNormNew = 0;
            for (int k = 0; k < active; k++)
            {
                int j = random.Next(k, active);
                (index[k], index[j]) = (index[j], index[k]);
            }
            for (int s = 0; s < active; s++)
            {
                int i = index[s];
                var x = rows[i];
                double g = -targets[i] + Dot(w, x);
                double gp = g + epsilon, gn = g - epsilon, h = diagonal[i];
                double violation;
                if (beta[i] == 0)
                {
                    if (gp < 0) violation = -gp;
                    else if (gn > 0) violation = gn;
                    else if (gp > gMaxOld && gn < -gMaxOld) { Shrink(ref s, ref active, index); continue; }
                    else violation = 0;
                }
                else if (beta[i] >= c)
                {
                    if (gp > 0) violation = gp;
                    else if (gp < -gMaxOld) { Shrink(ref s, ref active, index); continue; }
                    else violation = 0;
                }
                else if (beta[i] <= -c)
                {
                    if (gn < 0) violation = -gn;
                    else if (gn > gMaxOld) { Shrink(ref s, ref active, index); continue; }
                    else violation = 0;
                }
                else violation = beta[i] > 0 ? Math.Abs(gp) : Math.Abs(gn);
                gMaxNew = Math.Max(gMaxNew, violation);
                gNormNew += violation;

                double d = gp < h * beta[i] ? -gp / h : gn > h * beta[i] ? -gn / h : -beta[i];
                if (Math.Abs(d) < 1e-12) continue;
                double old = beta[i];
                beta[i] = Math.Clamp(old + d, -c, c);
                d = beta[i] - old;
                if (d == 0) continue;
                for (int j = 0; j < p; j++) w[j] += d * x[j];
                w[p] += d;
            }
            if (iteration == 0) gNormInitial = gNormNew;
            if (gNormNew <= tolerance * gNormInitial)
            {
                if (active == n) break;
                active = n; // unshrink and check once more, as liblinear
                gMaxOld = double.PositiveInfinity;
                continue;
            }
            gMaxOld = gMaxNew;
        }
        return new LinearModel(w[..p], w[p]);
    }

    private static void Shrink(ref int s, ref int active, int[] index)
    {
        active--;
        (index[s], index[active]) = (index[active], index[s]);
        s--;
    }

    private static double Dot(double[] w, float[] x)
    {
        double sum = w[^1];
        for (int j = 0; j < x.Length; j++) sum += w[j] * x[j];
        return sum;
    }
}
