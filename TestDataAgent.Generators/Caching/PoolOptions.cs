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

    /// <summary>
    /// Most background refills running at once in the whole service (every pool, in memory or in Redis); a pool found low
    /// while they all run is left for a later request to refill.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentRefills { get; set; } = 2;

    /// <summary>
    /// Most records all background refills together ask models for in one minute; a refill takes what is left of the
    /// minute's budget (up to <see cref="RefillRecords"/>) and none starts when nothing is left.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxRefillRecordsPerMinute { get; set; } = 1_000;

    /// <summary>Most records one pool keeps; the oldest go first.</summary>
    [Range(1, 10_000_000)]
    public int MaxSize { get; set; } = 1_000;
}
