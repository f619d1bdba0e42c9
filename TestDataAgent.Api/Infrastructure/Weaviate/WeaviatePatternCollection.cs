using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Api.Infrastructure.PatternStore;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.Weaviate;

/// <summary>
/// A pattern collection in Weaviate: one class, objects keyed by a name-based UUID of collection and pattern ID
/// (<see cref="PatternIds.Uuid"/>), so upserts are idempotent; searches are GraphQL <c>nearVector</c> queries with a
/// <c>where</c> filter on the same equalities the embedded store honours.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "A VectorStoreCollection, named as the ecosystem names them.")]
public sealed class WeaviatePatternCollection(string name, WeaviateClient client, Action<Exception?> report) : VectorStoreCollection<string, StoredPattern>
{
    private static readonly Dictionary<string, string> s_propertyNames = new(StringComparer.Ordinal)
    {
        [nameof(StoredPattern.Id)] = "patternId",
        [nameof(StoredPattern.Domain)] = "domain",
        [nameof(StoredPattern.Entity)] = "entity",
        [nameof(StoredPattern.Scenario)] = "scenario",
        [nameof(StoredPattern.Severity)] = "severity",
    };

    public override string Name { get; } = name;

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Observe(() => client.ClassExistsAsync(Name, cancellationToken));

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => Observe(() => client.EnsureClassAsync(Name, cancellationToken));

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) => Observe(() => client.DeleteClassAsync(Name, cancellationToken));

    public override async Task<StoredPattern?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = await Observe(() => client.GetObjectAsync(Name, PatternIds.Uuid(Name, key), options?.IncludeVectors ?? true, cancellationToken));
        return found is null ? null : ToPattern(found.Properties, found.Vector);
    }

    public override async IAsyncEnumerable<StoredPattern> GetAsync(Expression<Func<StoredPattern, bool>> filter, int top,
        FilteredRecordRetrievalOptions<StoredPattern>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (options?.OrderBy is not null || options?.IncludeVectors == true)
        {
            throw new NotSupportedException("The Weaviate pattern store returns filtered records without vectors and without OrderBy.");
        }

        var hits = await Observe(() => client.QueryAsync(Name, null, Translate(filter), top, options?.Skip ?? 0, cancellationToken));
        foreach (var (found, _) in hits)
        {
            yield return ToPattern(found.Properties, null);
        }
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Observe(() => client.DeleteObjectAsync(Name, PatternIds.Uuid(Name, key), cancellationToken));

    public override Task UpsertAsync(StoredPattern record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    public override Task UpsertAsync(IEnumerable<StoredPattern> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var objects = records.Select(r => new WeaviateObject(Name, PatternIds.Uuid(Name, r.Id), ToProperties(r), r.Embedding.ToArray())).ToList();
        return objects.Count == 0 ? Task.CompletedTask : Observe(() => client.BatchUpsertAsync(objects, cancellationToken));
    }

    public override async IAsyncEnumerable<VectorSearchResult<StoredPattern>> SearchAsync<TInput>(TInput searchValue, int top,
        VectorSearchOptions<StoredPattern>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<float> query = searchValue switch
        {
            ReadOnlyMemory<float> memory => memory,
            float[] array => array,
            Embedding<float> embedding => embedding.Vector,
            _ => throw new NotSupportedException($"The Weaviate pattern store searches by vector, not {typeof(TInput).Name}; embed the text first."),
        };
        if (options?.IncludeVectors == true)
        {
            throw new NotSupportedException("The Weaviate pattern store returns search results without vectors.");
        }

        var hits = await Observe(() => client.QueryAsync(Name, query, Translate(options?.Filter), top, options?.Skip ?? 0, cancellationToken));
        foreach (var (found, distance) in hits)
        {
            // Weaviate reports cosine distance (1 - similarity); the abstraction's score is the similarity.
            var score = distance is { } d ? 1 - d : (double?)null;
            if (options?.ScoreThreshold is { } threshold && score < threshold)
            {
                yield break;
            }

            yield return new VectorSearchResult<StoredPattern>(ToPattern(found.Properties, null), score);
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static Dictionary<string, string> Translate(Expression<Func<StoredPattern, bool>>? filter) =>
        PatternFilter.Parse(filter).ToDictionary(e => s_propertyNames.TryGetValue(e.Key, out var property)
            ? property
            : throw new NotSupportedException($"The Weaviate pattern store filters on Id, Domain, Entity, Scenario or Severity, not {e.Key}."), e => e.Value, StringComparer.Ordinal);

    private static JsonObject ToProperties(StoredPattern p) => new()
    {
        ["patternId"] = p.Id,
        ["domain"] = p.Domain,
        ["entity"] = p.Entity,
        ["scenario"] = p.Scenario,
        ["description"] = p.Description,
        ["data"] = p.Data,
        ["distributions"] = p.Distributions,
        ["severity"] = p.Severity,
        ["qualityScore"] = p.QualityScore,
        ["usageCount"] = p.UsageCount,
        ["createdAt"] = p.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["embeddedText"] = p.EmbeddedText,
        ["owners"] = p.Owners,
    };

    private static StoredPattern ToPattern(JsonObject properties, float[]? vector) => new()
    {
        Id = Text(properties, "patternId"),
        Domain = Text(properties, "domain"),
        Entity = Text(properties, "entity"),
        Scenario = Text(properties, "scenario"),
        Description = Text(properties, "description"),
        Data = Text(properties, "data") is { Length: > 0 } data ? data : "{}",
        Distributions = Text(properties, "distributions"),
        Severity = Text(properties, "severity"),
        QualityScore = properties["qualityScore"] is JsonValue q && q.TryGetValue<double>(out var quality) ? quality : 0,
        UsageCount = properties["usageCount"] is JsonValue u && u.TryGetValue<long>(out var usage) ? usage : 0,
        CreatedAt = DateTimeOffset.TryParse(Text(properties, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : default,
        EmbeddedText = Text(properties, "embeddedText"),
        Owners = Text(properties, "owners"),
        Embedding = vector ?? ReadOnlyMemory<float>.Empty,
    };

    private static string Text(JsonObject properties, string name) =>
        properties[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    private async Task Observe(Func<Task> call) => await Observe(async () =>
    {
        await call();
        return true;
    });

    private async Task<T> Observe<T>(Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            report(null);
            return result;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException { InnerException: TimeoutException })
        {
            // As the ecosystem's connectors do: a store failure (HTTP error, timeout, refused object) is a VectorStoreException.
            report(ex);
            throw new VectorStoreException($"Weaviate call on {Name} failed: {ex.Message}", ex) { VectorStoreSystemName = "weaviate", CollectionName = Name };
        }
    }
}
