using Aspire.Hosting.ApplicationModel;
using TestDataAgent.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds Test Data Agent to an AppHost, as a container image or as the project itself.</summary>
public static class TestDataAgentBuilderExtensions
{
    /// <summary>The endpoint serving gRPC (h2c): <c>testdata.v1</c>, grpc.health.v1 and reflection.</summary>
    public const string GrpcEndpointName = "grpc";

    /// <summary>The endpoint serving HTTP/1.1: JSON, <c>/health</c> and <c>/metrics</c>.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>The image the Api project publishes with <c>dotnet publish /t:PublishContainer</c>.</summary>
    public const string DefaultImage = "test-data-agent-api";

    public const string DefaultTag = "latest";

    /// <summary>The ports the service listens on in its image (the original's), set through <c>GRPC_PORT</c> and <c>HTTP_PORT</c>.</summary>
    public const int ContainerGrpcPort = 9091;

    public const int ContainerHttpPort = 8091;

    /// <summary>
    /// Adds the service as a container (<paramref name="image"/>:<paramref name="tag"/>, by default the image the Api
    /// project publishes) with its <c>grpc</c> endpoint (h2c, port 9091 inside) and <c>http</c> endpoint (8091), healthy
    /// when grpc.health.v1 answers SERVING. Reference it from a service with <c>WithReference</c>; seed a database with
    /// <see cref="TestDataSeedingBuilderExtensions.WithTestData"/>.
    /// </summary>
    public static IResourceBuilder<ContainerResource> AddTestDataAgent(this IDistributedApplicationBuilder builder, string name,
        string image = DefaultImage, string tag = DefaultTag)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddContainer(name, image, tag)
            .WithEndpoint(name: GrpcEndpointName, scheme: "http", env: "GRPC_PORT", targetPort: ContainerGrpcPort)
            .WithEndpoint(GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithHttpEndpoint(name: HttpEndpointName, env: "HTTP_PORT", targetPort: ContainerHttpPort)
            .WithGrpcHealthCheck(GrpcEndpointName);
    }

    /// <summary>
    /// Adds the service as a project (<typeparamref name="TProject"/>, the Api project when the AppHost references it),
    /// with the same two endpoints: on ports the orchestrator picks when run, on 9091 and 8091 when published.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddTestDataAgent<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var publishing = builder.ExecutionContext.IsPublishMode;
        return builder.AddProject<TProject>(name, launchProfileName: null)
            // The api binds the ports it is given, as the original did with GRPC_PORT and HTTP_PORT.
            .WithEndpoint(name: GrpcEndpointName, scheme: "http", env: "GRPC_PORT", targetPort: publishing ? ContainerGrpcPort : null)
            .WithEndpoint(GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithHttpEndpoint(name: HttpEndpointName, env: "HTTP_PORT", targetPort: publishing ? ContainerHttpPort : null)
            // Not WithHttpHealthCheck: the gRPC endpoint is HTTP/2-only (h2c), so probe it with grpc.health.v1.
            .WithGrpcHealthCheck(GrpcEndpointName);
    }
}
