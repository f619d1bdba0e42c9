namespace TestDataAgent.Generators.Datasets;

/// <summary>How many children each parent row gets, between <c>min_per_parent</c> and <c>max_per_parent</c>.</summary>
public enum ChildDistribution
{
    /// <summary>Every count in [min, max] equally likely.</summary>
    Uniform,

    /// <summary>Poisson with mean (min + max) / 2, clamped to [min, max].</summary>
    Poisson,

    /// <summary>Count min + r with probability proportional to 1 / (r + 1): most parents have few children, a few have many.</summary>
    Zipf,
}
