namespace TestDataAgent.Generators.Rag;

/// <summary>What a stored pattern is; the numeric values are the wire's <c>PatternKind</c> values.</summary>
public enum PatternKind
{
    /// <summary>A good example record (collection <c>TestDataPattern</c>).</summary>
    Pattern = 0,

    /// <summary>A record that once triggered a defect (collection <c>DefectPattern</c>).</summary>
    Defect = 1,

    /// <summary>An anonymised production-like record with per-field value frequencies (collection <c>ProductionSample</c>).</summary>
    ProductionSample = 2,
}

public static class PatternKindNames
{
    /// <summary>The collection holding the kind, named as the original's Weaviate classes.</summary>
    public static string CollectionName(this PatternKind kind) => kind switch
    {
        PatternKind.Pattern => "TestDataPattern",
        PatternKind.Defect => "DefectPattern",
        PatternKind.ProductionSample => "ProductionSample",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name in <see cref="RetrievedPattern.Kind"/>: pattern, defect or production_sample.</summary>
    public static string ToWireName(this PatternKind kind) => kind switch
    {
        PatternKind.Pattern => "pattern",
        PatternKind.Defect => "defect",
        PatternKind.ProductionSample => "production_sample",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind a request asks for: defects for defect_triggering, samples for production_like, else patterns.</summary>
    public static PatternKind ForRequest(Requests.GenerationRequest request) =>
        request.DefectTriggering ? PatternKind.Defect : request.ProductionLike ? PatternKind.ProductionSample : PatternKind.Pattern;
}
