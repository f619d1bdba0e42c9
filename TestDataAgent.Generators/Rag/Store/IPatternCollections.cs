using Microsoft.Extensions.VectorData;

namespace TestDataAgent.Generators.Rag.Store;

/// <summary>The three pattern collections of one store (embedded or Weaviate), chosen in composition code.</summary>
public interface IPatternCollections
{
    /// <summary>Which store this is, for logs and health: <c>embedded</c> or <c>weaviate</c>.</summary>
    string StoreName { get; }

    VectorStoreCollection<string, StoredPattern> Collection(PatternCategory kind);
}
