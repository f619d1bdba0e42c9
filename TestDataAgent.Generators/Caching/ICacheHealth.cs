namespace TestDataAgent.Generators.Caching;

/// <summary>What the response cache can tell about its distributed tier, for honest warnings.</summary>
public interface ICacheHealth
{
    /// <summary>When the distributed tier last failed or timed out, or null if it never did.</summary>
    DateTimeOffset? LastFailure { get; }
}
