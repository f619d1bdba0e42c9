using TestDataAgent;
using TestDataAgent.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddTestDataRedis(ResourceNames.Redis);

var api = builder.AddProject<Projects.TestDataAgent_Api>(ResourceNames.Api, launchProfileName: null)
    // The api binds the ports it is given, as the original did with GRPC_PORT and HTTP_PORT.
    .WithEndpoint(name: ResourceNames.GrpcEndpoint, scheme: "http", env: "GRPC_PORT")
    .WithEndpoint(ResourceNames.GrpcEndpoint, endpoint => endpoint.Transport = "http2")
    .WithHttpEndpoint(name: ResourceNames.HttpEndpoint, env: "HTTP_PORT")
    // Not WithHttpHealthCheck: the gRPC endpoint is HTTP/2-only (h2c), so probe it with grpc.health.v1.
    .WithGrpcHealthCheck(ResourceNames.GrpcEndpoint);

if (redis is not null)
{
    api.WithReference(redis).WaitFor(redis);
}

builder.Build().Run();
