namespace TestDataAgent.Generators.Rag.Store;

/// <summary>A remote store that can say, within a bounded time, whether it is ready.</summary>
public interface IReadinessProbe
{
    Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken);
}
