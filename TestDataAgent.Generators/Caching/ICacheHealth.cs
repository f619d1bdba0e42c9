namespace TestDataAgent.Generators.Caching;

/// <summary>What the response cache can tell about its distributed tier, for honest warnings.</summary>
public interface ICacheHealth
{
    /// <summary>When the distributed tier last failed or timed out, or null if it never did.</summary>
    DateTimeOffset? LastFailure { get; }
}

/// <summary>No distributed tier: nothing can fail.</summary>
public sealed class InMemoryCacheHealth : ICacheHealth
{
    public DateTimeOffset? LastFailure => null;
}
