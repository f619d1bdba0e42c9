using TestDataAgent.Generators;

namespace TestDataAgent.Api.Composition;

/// <summary>What <c>GET /health</c> reports, from the original's <c>SERVICE_NAME</c> and <c>ENVIRONMENT</c> variables.</summary>
public sealed class ServiceInfoOptions
{
    public string ServiceName { get; set; } = "test-data-agent";

    public string Environment { get; set; } = "development";

    public string Version { get; set; } = ServiceVersion.Display;
}
