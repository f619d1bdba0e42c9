using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>The embedded pattern store's disk, bound from the <c>Rag:Embedded</c> section.</summary>
public sealed class EmbeddedStoreOptions
{
    public const string SectionName = "Rag:Embedded";

    /// <summary>Below this many free bytes under <c>Rag:DataDirectory</c> the <c>vector_store</c> health component is degraded.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskBytes { get; set; } = 64 * 1024 * 1024;
}
