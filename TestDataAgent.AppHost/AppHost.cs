using TestDataAgent;
using TestDataAgent.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddTestDataRedis(ResourceNames.Redis);
var weaviate = builder.AddTestDataWeaviate(ResourceNames.Weaviate);

// AddTestDataAgent (TestDataAgent.Hosting): deployed, the api listens on the original's ports (9091 gRPC, 8091 HTTP); locally the orchestrator picks free ones.
var publishing = builder.ExecutionContext.IsPublishMode;
var api = builder.AddTestDataAgent<Projects.TestDataAgent_Api>(ResourceNames.Api)
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

// Run mode: a PostgreSQL (container, else the machine's postgresql packages, else none) seeded with ecommerce_core on
// start; the dashboard shows the run under postgres-testdata, with Reseed and Clean up.
builder.AddTestDataPostgres(ResourceNames.Postgres)?.WithTestData(api, "ecommerce_core", seed: 42);

builder.Build().Run();
