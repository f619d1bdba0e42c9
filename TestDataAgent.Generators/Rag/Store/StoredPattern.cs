using Microsoft.Extensions.VectorData;

namespace TestDataAgent.Generators.Rag.Store;

/// <summary>
/// One stored pattern, the record type of the three collections. <see cref="Data"/> is the example record as JSON
/// (valid for its entity's schema, personal data replaced); <see cref="Distributions"/> holds production samples'
/// per-field value frequencies as JSON (<c>{"status": {"shipped": 0.45, …}}</c>).
/// </summary>
public sealed class StoredPattern
{
    public const int Dimensions = 384;

    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string Domain { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string Entity { get; set; } = "";

    [VectorStoreData]
    public string Scenario { get; set; } = "";

    [VectorStoreData]
    public string Description { get; set; } = "";

    [VectorStoreData]
    public string Data { get; set; } = "{}";

    [VectorStoreData]
    public string Distributions { get; set; } = "";

    [VectorStoreData]
    public string Severity { get; set; } = "";

    [VectorStoreData]
    public double QualityScore { get; set; }

    [VectorStoreData]
    public long UsageCount { get; set; }

    [VectorStoreData]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The callers who recorded it (key, certificate or JWT names, <c>anonymous:&lt;address&gt;</c>), one per line, the first
    /// <see cref="Rag.PatternOwners.MaxOwners"/>; empty for the seed corpus and patterns stored before owners were kept.
    /// </summary>
    [VectorStoreData]
    public string Owners { get; set; } = "";

    /// <summary>The embedding of <see cref="EmbeddedText"/> (all-MiniLM-L6-v2, normalised).</summary>
    [VectorStoreVector(Dimensions, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float> Embedding { get; set; }

    /// <summary>The text the embedding was made from: scenario, description and the record's text values.</summary>
    [VectorStoreData]
    public string EmbeddedText { get; set; } = "";

    /// <summary>A copy, with or without the vector (search results usually go without).</summary>
    public StoredPattern Copy(bool includeVectors) => new()
    {
        Id = Id,
        Domain = Domain,
        Entity = Entity,
        Scenario = Scenario,
        Description = Description,
        Data = Data,
        Distributions = Distributions,
        Severity = Severity,
        QualityScore = QualityScore,
        UsageCount = UsageCount,
        CreatedAt = CreatedAt,
        Owners = Owners,
        EmbeddedText = EmbeddedText,
        Embedding = includeVectors ? Embedding.ToArray() : ReadOnlyMemory<float>.Empty,
    };
}
