namespace TestDataAgent.Generators.Rag;

public static class PatternCategoryNames
{
    /// <summary>The collection holding the kind, named as the original's Weaviate classes.</summary>
    public static string CollectionName(this PatternCategory kind) => kind switch
    {
        PatternCategory.Pattern => "TestDataPattern",
        PatternCategory.Defect => "DefectPattern",
        PatternCategory.ProductionSample => "ProductionSample",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name in <see cref="RetrievedPattern.Kind"/>: pattern, defect or production_sample.</summary>
    public static string ToWireName(this PatternCategory kind) => kind switch
    {
        PatternCategory.Pattern => "pattern",
        PatternCategory.Defect => "defect",
        PatternCategory.ProductionSample => "production_sample",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind a request asks for: defects for defect_triggering, samples for production_like, else patterns.</summary>
    public static PatternCategory ForRequest(Requests.GenerationRequest request) =>
        request.DefectTriggering ? PatternCategory.Defect : request.ProductionLike ? PatternCategory.ProductionSample : PatternCategory.Pattern;
}
