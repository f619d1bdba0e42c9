using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// The RAG path: retrieves the request's top patterns (by meaning, within its entity and domain) and derives each
/// record from the traditional record for the same index, carrying over the pattern's values where they are safe
/// (<see cref="PatternBlender"/>). Patterns are used in rank order, round robin; each record names its pattern in
/// <c>_pattern</c>. production_like draws categorical fields from the stored value frequencies; defect_triggering
/// carries the defect's trigger values (dates included). With no hits the records are the traditional ones and the
/// response's warnings say so. Same seed, same store → same bytes.
/// </summary>
public sealed partial class RagGenerator(
    IPatternRetriever retriever,
    IPatternCollections collections,
    TraditionalGenerator traditional,
    RecordValidator validator,
    IOptions<RagOptions> options,
    ILogger<RagGenerator> logger) : IRecordGenerator
{
    /// <summary>The extra field naming the pattern a record was derived from.</summary>
    public const string PatternField = "_pattern";

    public GenerationPath Path => GenerationPath.Rag;

    public Availability Availability => retriever.Availability;

    public async IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, GenerationReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var kind = PatternCategoryNames.ForRequest(request);
        var hits = await RetrieveAsync(request, kind, report, cancellationToken);
        var distributions = kind == PatternCategory.ProductionSample ? await DistributionsAsync(hits, cancellationToken) : null;
        if (hits.Count == 0)
        {
            var domain = request.Domain.Length > 0 ? request.Domain : request.Schema.Domain;
            report.Warn($"rag: no stored {kind.ToWireName()} patterns match {Echo.Quote(request.Entity)} in domain '{Echo.Quote(domain)}'; the records are from the traditional generator");
            report.ServedBy(GenerationPath.Traditional);
            // Streams have no metadata: the log says it for them.
            if (logger.IsEnabled(LogLevel.Information))
            {
                var (entity, where) = (Echo.Quote(request.Entity), Echo.Quote(domain));
                LogNoPatterns(kind, entity, where);
            }
        }

        var blender = new PatternBlender(request, validator);
        await foreach (var record in traditional.GenerateAsync(request, cancellationToken).WithCancellation(cancellationToken))
        {
            if (hits.Count == 0)
            {
                yield return record;
                continue;
            }

            var index = (long)record[DataRecord.IndexField]!;
            var hit = hits[(int)(index % hits.Count)];
            yield return distributions is not null
                ? blender.Sample(record, distributions[hit.Id], hit.Id, index)
                : blender.Blend(record, hit.Record, hit.Id, index, copyDates: kind == PatternCategory.Defect);
        }
    }

    private async Task<IReadOnlyList<RetrievedPattern>> RetrieveAsync(GenerationRequest request, PatternCategory kind, GenerationReport report, CancellationToken cancellationToken)
    {
        using var activity = Observability.TestDataTracing.Source.StartActivity("retrieve");
        activity?.SetTag("testdata.entity", request.Entity);
        activity?.SetTag("testdata.pattern_kind", kind.ToWireName());
        activity?.SetTag("testdata.store", collections.StoreName);
        try
        {
            var hits = await retriever.RetrieveAsync(request, options.Value.TopK, cancellationToken);
            activity?.SetTag("testdata.hits", hits.Count);
            return hits;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException or VectorStoreException)
        {
            // The store failing never fails the request: the records come from the traditional generator.
            LogRetrievalFailed(ex, request.Entity, collections.StoreName);
            report.Warn($"rag: the {collections.StoreName} pattern store failed ({ex.GetType().Name}); the records are from the traditional generator");
            return [];
        }
    }

    private async Task<Dictionary<string, IReadOnlyDictionary<string, FieldDistribution>>> DistributionsAsync(IReadOnlyList<RetrievedPattern> hits, CancellationToken cancellationToken)
    {
        var collection = collections.Collection(PatternCategory.ProductionSample);
        var result = new Dictionary<string, IReadOnlyDictionary<string, FieldDistribution>>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            var stored = await collection.GetAsync(hit.Id, new RecordRetrievalOptions { IncludeVectors = false }, cancellationToken);
            result[hit.Id] = Distributions.Parse(stored?.Distributions ?? "");
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No stored {Kind} patterns match {Entity} in domain {Domain}; serving traditional records")]
    private partial void LogNoPatterns(PatternCategory kind, string entity, string domain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pattern retrieval for {Entity} failed in the {Store} store; serving traditional records")]
    private partial void LogRetrievalFailed(Exception exception, string entity, string store);
}
