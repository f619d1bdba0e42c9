using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Reads the stored patterns: search by meaning within an entity and domain (and, for a caller kept to its own patterns,
/// among those and the shared corpus), ranking by similarity, quality and usage.
/// Query embeddings are kept (up to <see cref="QueryCacheSize"/>), so a repeated request does not embed again.
/// </summary>
public sealed class PatternSearch(IPatternCollections collections, IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<RagOptions> options)
{
    private const int QueryCacheSize = 1024;

    private readonly ConcurrentDictionary<string, ReadOnlyMemory<float>> _queryVectors = new(StringComparer.Ordinal);

    /// <summary>The best <paramref name="top"/> patterns of a kind for a request, best first.</summary>
    public async Task<IReadOnlyList<PatternHit>> SearchAsync(GenerationRequest request, PatternCategory kind, int top, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var entity = request.Entity;
        var domain = request.Domain.Length > 0 ? request.Domain : request.Schema.Domain;
        var vector = await QueryVectorAsync(PatternText.ForRequest(request, kind), cancellationToken);
        var collection = collections.Collection(kind);
        var searchOptions = new VectorSearchOptions<StoredPattern> { Filter = p => p.Entity == entity && p.Domain == domain };
        var hits = new List<PatternHit>();
        await foreach (var result in collection.SearchAsync(vector, top * 4, searchOptions, cancellationToken))
        {
            var similarity = result.Score ?? 0;
            if (similarity < settings.MinSimilarity || !Visible(result.Record, request.PatternOwner))
            {
                continue;
            }

            var usage = Math.Min(1.0, Math.Log10(1 + result.Record.UsageCount));
            var score = ((1 - settings.QualityWeight - settings.UsageWeight) * similarity) + (settings.QualityWeight * result.Record.QualityScore) + (settings.UsageWeight * usage);
            hits.Add(new PatternHit(result.Record, kind, similarity, score));
        }

        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Pattern.Id, StringComparer.Ordinal).Take(top)];
    }

    // Without an owner to keep to, every pattern; else the shared corpus (no owner) and the owner's own. Filtered after the
    // search, which every store can do; a store holding many of other callers' patterns may then find fewer than top.
    private static bool Visible(StoredPattern pattern, string? owner) =>
        owner is null || pattern.Owners.Length == 0 || pattern.Owners.Split('\n').Contains(owner, StringComparer.Ordinal);

    private async Task<ReadOnlyMemory<float>> QueryVectorAsync(string text, CancellationToken cancellationToken)
    {
        if (_queryVectors.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var vector = (await embedder.GenerateAsync([text], cancellationToken: cancellationToken))[0].Vector;
        if (_queryVectors.Count >= QueryCacheSize)
        {
            _queryVectors.Clear();
        }

        _queryVectors[text] = vector;
        return vector;
    }
}
