using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// <see cref="IPatternRetriever"/> over the configured store: the request's kind of pattern (defects for
/// defect_triggering, production samples for production_like, else patterns), by meaning, within its entity and domain.
/// </summary>
public sealed class PatternRetriever(PatternSearch search, IPatternCollections collections, IOptions<RagOptions> options) : IPatternRetriever
{
    /// <summary>A store that can be down says so; an embedded one is always available.</summary>
    public Availability Availability => collections is IAvailable store ? store.Availability : Availability.Available;

    public async Task<IReadOnlyList<RetrievedPattern>> RetrieveAsync(GenerationRequest request, int top, CancellationToken cancellationToken)
    {
        var hits = await search.SearchAsync(request, PatternCategoryNames.ForRequest(request), top > 0 ? top : options.Value.TopK, cancellationToken);
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
