using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Hybrid;

/// <summary>
/// The hybrid path: stored patterns found for the request (by meaning, filtered by entity and domain) become few-shot
/// examples in every prompt of the LLM path, for every entity (the original lost them for some). Without an LLM the
/// router falls back to rag; when nothing is found the model writes without examples and the response says so.
/// </summary>
public sealed class HybridGenerator(LlmGenerator llm, IEnumerable<IPatternRetriever> retrievers, IOptions<HybridOptions> options) : IRecordGenerator
{
    private readonly IPatternRetriever? _retriever = retrievers.FirstOrDefault();

    public GenerationPath Path => GenerationPath.Hybrid;

    public Availability Availability =>
        !llm.Availability.IsAvailable ? llm.Availability
        : _retriever is null ? Availability.Unavailable("no pattern store configured")
        : _retriever.Availability;

    public async IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, GenerationReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One retrieval per scenario: its description is part of what the examples should match.
        var byScenario = new ConcurrentDictionary<string, Task<IReadOnlyList<DataRecord>>>(StringComparer.Ordinal);
        var found = 0;
        var ids = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        Task<IReadOnlyList<DataRecord>> ExamplesFor(LlmBatch batch) => byScenario.GetOrAdd(batch.Scenario.Name, async _ =>
        {
            var scoped = request with { Scenarios = [batch.Scenario] };
            using var activity = TestDataTracing.Source.StartActivity("retrieve");
            activity?.SetTag("testdata.entity", request.Entity);
            activity?.SetTag("testdata.scenario", batch.Scenario.Name);
            var patterns = await _retriever!.RetrieveAsync(scoped, options.Value.Examples, cancellationToken);
            activity?.SetTag("testdata.hits", patterns.Count);
            Interlocked.Add(ref found, patterns.Count);
            foreach (var pattern in patterns)
            {
                ids.TryAdd(pattern.Id, 0);
            }

            return patterns.Select(p => p.Record).ToList();
        });

        await foreach (var record in llm.GenerateAsync(request, report, GenerationPath.Hybrid, ExamplesFor, cancellationToken))
        {
            yield return record;
        }

        if (found == 0)
        {
            report.Warn("hybrid: no stored pattern matched this request; the model wrote without examples (as the llm path would)");
        }
        else
        {
            report.Warn($"hybrid: the prompts carried {ids.Count} stored pattern(s) as examples: {string.Join(", ", ids.Keys.Order(StringComparer.Ordinal).Take(10))}");
        }
    }
}
