using TestDataAgent.Generators.Observability;

namespace Microsoft.Extensions.Hosting;

public static class TestDataAgentExtensions
{
    /// <summary>
    /// Everything the service is, apart from where it listens: the API (gRPC, JSON, health, metrics, generation) and
    /// Redis and the LLM providers. Shared by <c>Program.cs</c> and hosts that embed the service (the load driver).
    /// </summary>
    public static IHostApplicationBuilder AddTestDataAgent(this IHostApplicationBuilder builder)
    {
        builder.AddTestDataAgentApi();
        builder.AddTestDataAgentRedis();
        builder.AddTestDataAgentLlm();
        builder.AddTestDataAgentRag();
        return builder;
    }

    /// <summary>Maps every endpoint: ServiceDefaults' <c>/alive</c>, the health routes, gRPC, reflection, health and metrics.</summary>
    public static WebApplication MapTestDataAgent(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapTestDataAgentHealth();
        app.MapTestDataAgentGrpc();
        app.MapTestDataAgentAdmin();
        // Its gauges exist once it does.
        app.Services.GetRequiredService<DependencyMetrics>();
        return app;
    }
}
