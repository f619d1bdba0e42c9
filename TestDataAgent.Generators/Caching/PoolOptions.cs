using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators.Caching;

/// <summary>Record pools for the expensive paths (LLM, hybrid), bound from the <c>Pool</c> section.</summary>
public sealed class PoolOptions
{
    public const string SectionName = "Pool";

    /// <summary>Whether <c>use_cache</c> requests on the LLM and hybrid paths draw from and refill pools.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A pool holding fewer records than this after a draw is refilled in the background.</summary>
    [Range(0, 1_000_000)]
    public int LowWater { get; set; } = 50;

    /// <summary>How many records one refill asks the model for.</summary>
    [Range(1, 100_000)]
    public int RefillRecords { get; set; } = 100;

    /// <summary>Most records one pool keeps; the oldest go first.</summary>
    [Range(1, 10_000_000)]
    public int MaxSize { get; set; } = 1_000;
}
