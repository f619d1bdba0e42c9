using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators.Rag;

/// <summary>The RAG path's settings (section <c>Rag</c>); validated at start-up.</summary>
public sealed class RagOptions
{
    public const string SectionName = "Rag";

    /// <summary>Where the embedded store keeps its files; empty means LocalApplicationData/TestDataAgent/rag.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Whether the shipped seed corpus is loaded (idempotently) in the background at start-up.</summary>
    public bool SeedOnStartup { get; set; } = true;

    /// <summary>How many patterns a RAG request retrieves.</summary>
    [Range(1, 50)]
    public int TopK { get; set; } = 5;

    /// <summary>Hits less similar than this (cosine, -1 to 1) are not used.</summary>
    [Range(-1.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.1;

    /// <summary>Weight of the stored quality score (0 to 1) in the ranking; similarity has 1 minus this and the usage weight.</summary>
    [Range(0.0, 0.5)]
    public double QualityWeight { get; set; } = 0.2;

    /// <summary>Weight of how often a pattern was recorded (log-scaled, capped at 1) in the ranking.</summary>
    [Range(0.0, 0.5)]
    public double UsageWeight { get; set; } = 0.05;

    /// <summary>Most records one <c>RecordPatterns</c> call may carry in <c>data</c>.</summary>
    [Range(1, 100_000)]
    public int MaxRecordsPerCall { get; set; } = 1_000;

    /// <summary>Most bytes one field value of a recorded record may take, as sent (its JSON, quotes and escapes included).</summary>
    [Range(16, 1_048_576)]
    public int MaxFieldBytes { get; set; } = 16_384;

    /// <summary>Most characters of a recorded pattern's <c>description</c>.</summary>
    [Range(1, 100_000)]
    public int MaxDescriptionChars { get; set; } = 2_000;

    /// <summary>Most characters of a recorded pattern's <c>scenario</c> and <c>domain</c>.</summary>
    [Range(1, 10_000)]
    public int MaxNameChars { get; set; } = 200;
}
