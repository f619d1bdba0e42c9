using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>Exact cosine search over the filtered partition of the current snapshot.</summary>
public sealed partial class EmbeddedPatternCollection
{
    public override async IAsyncEnumerable<VectorSearchResult<StoredPattern>> SearchAsync<TInput>(TInput searchValue, int top,
        VectorSearchOptions<StoredPattern>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var query = searchValue switch
        {
            ReadOnlyMemory<float> memory => memory,
            float[] array => array,
            Embedding<float> embedding => embedding.Vector,
            _ => throw new NotSupportedException(
                $"The embedded pattern store searches by vector (ReadOnlyMemory<float>, float[] or Embedding<float>), not {typeof(TInput).Name}; embed the text first."),
        };
        if (query.Length != StoredPattern.Dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; the collection's have {StoredPattern.Dimensions}.", nameof(searchValue));
        }

        var equalities = PatternFilter.Parse(options?.Filter);
        var wanted = (options?.Skip ?? 0) + top;
        // Keep only the best `wanted` (a min-heap): O(n log k) instead of sorting the whole partition.
        var best = new PriorityQueue<StoredPattern, (float Score, string Id)>(wanted + 1, HitsWorstFirst.Instance);
        foreach (var candidate in Candidates(Load(), equalities))
        {
            var similarity = TensorPrimitives.CosineSimilarity(query.Span, candidate.Embedding.Span);
            if (best.Count < wanted)
            {
                best.Enqueue(candidate, (similarity, candidate.Id));
            }
            else if (HitsWorstFirst.Instance.Compare((similarity, candidate.Id), PeekPriority(best)) > 0)
            {
                best.DequeueEnqueue(candidate, (similarity, candidate.Id));
            }
        }

        // Best first; ties by ID so the order never depends on insertion order.
        var scored = best.UnorderedItems.Select(i => (i.Priority.Score, Record: i.Element)).ToArray();
        Array.Sort(scored, (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Record.Id, b.Record.Id));
        var threshold = options?.ScoreThreshold;
        foreach (var (score, record) in scored.Skip(options?.Skip ?? 0).Take(top))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (threshold is { } minimum && score < minimum)
            {
                yield break;
            }

            yield return new VectorSearchResult<StoredPattern>(record.Copy(options?.IncludeVectors ?? false), score);
        }

        await Task.CompletedTask;
    }

    private static IEnumerable<StoredPattern> Candidates(PatternSnapshot snapshot, IReadOnlyDictionary<string, string> equalities)
    {
        if (equalities.TryGetValue(nameof(StoredPattern.Entity), out var entity) && equalities.TryGetValue(nameof(StoredPattern.Domain), out var domain))
        {
            if (!snapshot.Partitions.TryGetValue(PatternSnapshot.PartitionKey(entity, domain), out var partition))
            {
                return [];
            }

            // The partition is exactly "this entity and domain": nothing else to check for the usual filter.
            return equalities.Count == 2 ? partition : partition.Where(r => PatternFilter.Matches(r, equalities));
        }

        return snapshot.Records.Values.Where(r => PatternFilter.Matches(r, equalities));
    }

    private static (float Score, string Id) PeekPriority(PriorityQueue<StoredPattern, (float Score, string Id)> queue) =>
        queue.TryPeek(out _, out var priority) ? priority : default;
}
