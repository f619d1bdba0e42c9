namespace TestDataAgent.Generators.Rag;

/// <summary>A remote store that can be down: retrieval is unavailable while it is.</summary>
public interface IStoreAvailability
{
    bool IsAvailable { get; }

    string UnavailableReason { get; }
}
