using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators.Datasets;

/// <summary>The limits of <c>GenerateDataset</c>, bound from the <c>Datasets</c> configuration section.</summary>
public sealed class DatasetOptions
{
    public const string SectionName = "Datasets";

    /// <summary>Most tables one dataset may have.</summary>
    [Range(1, 256)]
    public int MaxTables { get; set; } = 32;

    /// <summary>
    /// Most rows one dataset may have, by its upper bound (root counts times every <c>max_per_parent</c> below them),
    /// which is known before any row is made.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxRows { get; set; } = 50_000_000;

    /// <summary>Largest <c>max_per_parent</c> a table may ask for.</summary>
    [Range(1, 1_000_000)]
    public int MaxPerParent { get; set; } = 1000;

    /// <summary>Rows of one table per streamed chunk.</summary>
    [Range(1, 1_000_000)]
    public int ChunkRows { get; set; } = 1000;
}
