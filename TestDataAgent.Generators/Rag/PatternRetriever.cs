using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// <see cref="IPatternRetriever"/> over the configured store: the request's kind of pattern (defects for
/// defect_triggering, production samples for production_like, else patterns), by meaning, within its entity and domain.
/// </summary>
public sealed class PatternRetriever(PatternSearch search, IPatternCollections collections, IOptions<RagOptions> options) : IPatternRetriever
{
    public bool IsAvailable => collections is not IStoreAvailability availability || availability.IsAvailable;

    public string UnavailableReason => collections is IStoreAvailability { IsAvailable: false } availability ? availability.UnavailableReason : "";

    public Task<IReadOnlyList<RetrievedPattern>> RetrieveAsync(GenerationRequest request, int top, CancellationToken cancellationToken) =>
        RetrieveAsync(request, PatternCategoryNames.ForRequest(request), top, cancellationToken);

    /// <summary>As <see cref="RetrieveAsync(GenerationRequest, int, CancellationToken)"/> for a given kind.</summary>
    public async Task<IReadOnlyList<RetrievedPattern>> RetrieveAsync(GenerationRequest request, PatternCategory kind, int top, CancellationToken cancellationToken)
    {
        var hits = await search.SearchAsync(request, kind, top > 0 ? top : options.Value.TopK, cancellationToken);
        return [.. hits.Select(ToRetrieved)];
    }

    private static RetrievedPattern ToRetrieved(PatternHit hit)
    {
        using var document = System.Text.Json.JsonDocument.Parse(hit.Pattern.Data);
        var record = JsonValues.ToRecord(document.RootElement);
        var description = hit.Pattern.Description.Length > 0 ? hit.Pattern.Description : hit.Pattern.Scenario;
        return new RetrievedPattern(hit.Pattern.Id, hit.Kind.ToWireName(), record, hit.Score, description);
    }
}
