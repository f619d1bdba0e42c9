namespace TestDataAgent.AppHost;

/// <summary>
/// PostgreSQL as a local <c>postgres</c> process from the machine's packages, for machines without a container runtime:
/// a cluster made with <c>initdb</c> in a directory of this run, trust authentication, on a port the orchestrator
/// picks. Its connection string has the Npgsql shape the PostgreSQL container's has.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, string dataDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    /// <summary>The run's directory: the cluster in <c>data</c>, the Unix socket beside it.</summary>
    public string DataDirectory => dataDirectory;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Database=postgres");
}
