namespace TestDataAgent.Generators.Datasets;

/// <summary>The distribution of children per parent row as a cumulative table over min … max, built once per table.</summary>
internal static class ChildCounts
{
    public static double[] Cdf(ChildDistribution distribution, int min, int max)
    {
        var weights = Weights(distribution, min, max);
        var total = weights.Sum();
        var cdf = new double[weights.Length];
        var running = 0.0;
        for (var r = 0; r < weights.Length; r++)
        {
            running += weights[r] / total;
            cdf[r] = running;
        }

        cdf[^1] = 1.0;
        return cdf;
    }

    /// <summary>Relative probability of min + r children, r = 0 … max − min.</summary>
    public static double[] Weights(ChildDistribution distribution, int min, int max)
    {
        var weights = new double[max - min + 1];
        switch (distribution)
        {
            case ChildDistribution.Zipf:
                for (var r = 0; r < weights.Length; r++)
                {
                    weights[r] = 1.0 / (r + 1);
                }

                break;
            case ChildDistribution.Poisson:
                // Ratios from the mode outwards (p(c+1)/p(c) = λ/(c+1)) never underflow, however large λ is.
                var lambda = (min + max) / 2.0;
                var mode = Math.Clamp((int)Math.Floor(lambda), min, max);
                weights[mode - min] = 1;
                for (var c = mode + 1; c <= max; c++)
                {
                    weights[c - min] = weights[c - 1 - min] * lambda / c;
                }

                for (var c = mode - 1; c >= min; c--)
                {
                    weights[c - min] = weights[c + 1 - min] * (c + 1) / lambda;
                }

                break;
            default:
                Array.Fill(weights, 1.0);
                break;
        }

        return weights;
    }
}
