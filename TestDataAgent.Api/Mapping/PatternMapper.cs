using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Rag;

namespace TestDataAgent.Api.Mapping;

/// <summary>Maps <c>RecordPatterns</c> between the wire and the pattern library.</summary>
internal static class PatternMapper
{
    public static PatternSubmission ToSubmission(RecordPatternsRequest request, string owner) => new()
    {
        Domain = request.Domain.Trim(),
        Entity = request.Entity.Trim(),
        Kind = request.Kind switch
        {
            PatternKind.Defect => PatternCategory.Defect,
            PatternKind.ProductionSample => PatternCategory.ProductionSample,
            PatternKind.Pattern => PatternCategory.Pattern,
            _ => throw new Generators.Requests.InvalidRequestException("kind", $"kind must be PATTERN, DEFECT or PRODUCTION_SAMPLE, got {(int)request.Kind}"),
        },
        Data = request.Data,
        Scenario = request.Scenario.Trim(),
        Description = request.Description.Trim(),
        QualityScore = request.QualityScore,
        Severity = request.Severity,
        Synthetic = request.Synthetic,
        Owner = owner,
    };

    public static RecordPatternsResponse ToResponse(PatternRecordResult result)
    {
        var response = new RecordPatternsResponse { Stored = result.Stored };
        response.Ids.Add(result.Ids);
        return response;
    }
}
