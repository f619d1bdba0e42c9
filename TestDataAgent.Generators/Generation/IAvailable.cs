namespace TestDataAgent.Generators.Generation;

/// <summary>
/// The one availability contract: a generator, the pattern retriever, or a remote store that can be down. A path that
/// is unavailable is never chosen; the router falls back and says why.
/// </summary>
public interface IAvailable
{
    Availability Availability { get; }
}
