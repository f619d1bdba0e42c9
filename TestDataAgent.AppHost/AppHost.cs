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
    // Dashboard commands call the api's /admin endpoints with a token made for this run only; deployments have none.
    var adminToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    api.WithEnvironment("Admin__Enabled", "true")
        .WithEnvironment("Admin__Token", adminToken)
        .WithHttpCommand("/admin/cache/clear", "Clear cache", ResourceNames.HttpEndpoint, "clear-cache", new HttpCommandOptions
        {
            Description = "Forget cached responses and replayed model answers",
            PrepareRequest = context =>
            {
                context.Request.Headers.Add("X-Admin-Token", adminToken);
                return Task.CompletedTask;
            },
            IconName = "Delete",
        })
        .WithHttpCommand("/admin/patterns/seed", "Seed patterns", ResourceNames.HttpEndpoint, "seed-patterns", new HttpCommandOptions
        {
            Description = "Load the shipped seed corpus into the pattern store (idempotent)",
            PrepareRequest = context =>
            {
                context.Request.Headers.Add("X-Admin-Token", adminToken);
                return Task.CompletedTask;
            },
            IconName = "DatabaseArrowUp",
        });
}

if (redis is not null)
{
    api.WithReference(redis).WaitFor(redis);
}

if (weaviate is not null)
{
    api.WithReference(weaviate).WaitFor(weaviate);
}

builder.Build().Run();
