using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>The embedded pattern store's disk and budget, bound from the <c>Rag:Embedded</c> section.</summary>
public sealed class EmbeddedStoreOptions
{
    public const string SectionName = "Rag:Embedded";

    /// <summary>Below this many free bytes under <c>Rag:DataDirectory</c> the <c>vector_store</c> health component is degraded.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most patterns one collection keeps; past it the ones <c>PatternEvictionOrder</c> puts first are evicted.</summary>
    [Range(1, 10_000_000)]
    public int MaxPatternsPerCollection { get; set; } = 10_000;

    /// <summary>Most bytes (approximate, in memory: <see cref="PatternBudget.Footprint"/>) one collection keeps; past it patterns are evicted.</summary>
    [Range(65_536, long.MaxValue)]
    public long MaxBytesPerCollection { get; set; } = 16 * 1024 * 1024;

    internal PatternBudget Budget => new(MaxPatternsPerCollection, MaxBytesPerCollection);
}
