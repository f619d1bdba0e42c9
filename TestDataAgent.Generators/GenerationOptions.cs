using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators;

/// <summary>Limits and chunking, bound from the <c>Generation</c> configuration section.</summary>
public sealed class GenerationOptions
{
    public const string SectionName = "Generation";

    /// <summary>Most records a unary <c>GenerateData</c> returns (the original's <c>MAX_SYNC_RECORDS</c>).</summary>
    [Range(1, 1_000_000)]
    public int MaxSyncRecords { get; set; } = 10_000;

    /// <summary>
    /// Most bytes of <c>data</c> in one unary response. gRPC clients refuse messages over 4 MiB by default; the default
    /// leaves 64 KiB of that for the rest of the message (metadata, warnings).
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxUnaryResponseBytes { get; set; } = DefaultMaxUnaryResponseBytes;

    public const int DefaultMaxUnaryResponseBytes = (4 * 1024 * 1024) - (64 * 1024);

    /// <summary>Most records one <c>GenerateDataStream</c> call produces.</summary>
    [Range(1, int.MaxValue)]
    public int MaxStreamRecords { get; set; } = 10_000_000;

    /// <summary>Largest length any string field may have or be asked for (min_length, max_length, minLength, maxLength).</summary>
    [Range(1, 10_000_000)]
    public int MaxStringLength { get; set; } = 100_000;

    /// <summary>Most items any array field may have or be asked for (min_items, max_items, minItems, maxItems).</summary>
    [Range(1, 1_000_000)]
    public int MaxArrayItems { get; set; } = 10_000;

    /// <summary>
    /// Largest one record may be, in bytes of JSON, by an upper bound computed from the schema (lengths, array sizes,
    /// nesting) and the overrides before any record is made.
    /// </summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>Most fields a request's scenario overrides may add to a schema that lacks them.</summary>
    [Range(0, 1_000)]
    public int MaxAddedFields { get; set; } = 64;

    /// <summary>Longest <c>request_id</c> a caller may send; it is echoed into responses, logs and traces.</summary>
    [Range(1, 4_096)]
    public int MaxRequestIdLength { get; set; } = 128;

    /// <summary>Cores a traditional stream is made on; 0 means all of them (<see cref="Environment.ProcessorCount"/>).</summary>
    [Range(0, 1_024)]
    public int StreamWorkers { get; set; }

    /// <summary>Most records in one stream chunk.</summary>
    [Range(1, 100_000)]
    public int ChunkMaxRecords { get; set; } = 500;

    /// <summary>A chunk is sent once its data reaches this many bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int ChunkMaxBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Most compiled schemas (field plans) kept for reuse, by schema and constraints; the least recently used is dropped.
    /// 0 compiles every request's plans afresh.
    /// </summary>
    [Range(0, 100_000)]
    public int FieldPlanCacheEntries { get; set; } = 256;
}
