using TestDataAgent;
using TestDataAgent.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddTestDataRedis(ResourceNames.Redis);
var weaviate = builder.AddTestDataWeaviate(ResourceNames.Weaviate);

// Deployed, the api listens on the original's ports (9091 gRPC, 8091 HTTP); locally the orchestrator picks free ones.
var publishing = builder.ExecutionContext.IsPublishMode;
var api = builder.AddProject<Projects.TestDataAgent_Api>(ResourceNames.Api, launchProfileName: null)
    // The api binds the ports it is given, as the original did with GRPC_PORT and HTTP_PORT.
    .WithEndpoint(name: ResourceNames.GrpcEndpoint, scheme: "http", env: "GRPC_PORT", targetPort: publishing ? 9091 : null)
    .WithEndpoint(ResourceNames.GrpcEndpoint, endpoint => endpoint.Transport = "http2")
    .WithHttpEndpoint(name: ResourceNames.HttpEndpoint, env: "HTTP_PORT", targetPort: publishing ? 8091 : null)
    // Not WithHttpHealthCheck: the gRPC endpoint is HTTP/2-only (h2c), so probe it with grpc.health.v1.
    .WithGrpcHealthCheck(ResourceNames.GrpcEndpoint)
    .WithTestDataLlms();

if (!publishing)
{
    api.WithAdminCommands().WithRunModeAccess(builder);
}

if (redis is not null)
{
    api.WithReference(redis).WaitFor(redis);
}

if (weaviate is not null)
{
    api.WithReference(weaviate).WaitFor(weaviate);
}

if (!publishing)
{
    // The playground, beside the dashboard: a Blazor app that reaches the api's gRPC endpoint by service discovery, as an
    // anonymous caller (run mode allows them). Run mode only: deploying it is not part of the manifest (yet).
    builder.AddProject<Projects.TestDataAgent_Web>(ResourceNames.Web)
        .WithReference(api)
        .WaitFor(api)
        .WithHttpHealthCheck("/alive")
        .WithExternalHttpEndpoints();
}

builder.Build().Run();
