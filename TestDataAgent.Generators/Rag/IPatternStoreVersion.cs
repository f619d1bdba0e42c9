namespace TestDataAgent.Generators.Rag;

/// <summary>A number that changes whenever the pattern store is written, so a cached RAG or hybrid response is not replayed after new patterns arrive.</summary>
public interface IPatternStoreVersion
{
    long Version { get; }
}
