namespace TestDataAgent.Generators.Rag;

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
