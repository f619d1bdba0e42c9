namespace TestDataAgent.Generators.Caching;

/// <summary>No distributed tier: nothing can fail.</summary>
public sealed class InMemoryCacheHealth : ICacheHealth
{
    public DateTimeOffset? LastFailure => null;
}
