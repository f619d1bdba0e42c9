using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Finds stored patterns for a request by meaning (context, hints, scenario descriptions), always filtered by the
/// request's entity and domain. The RAG generator derives records from them; the hybrid generator turns them into
/// few-shot examples for the LLM.
/// </summary>
public interface IPatternRetriever : IAvailable
{
    /// <summary>The best <paramref name="top"/> patterns for the request, best first; empty when nothing matches.</summary>
    Task<IReadOnlyList<RetrievedPattern>> RetrieveAsync(GenerationRequest request, int top, CancellationToken cancellationToken);
}
