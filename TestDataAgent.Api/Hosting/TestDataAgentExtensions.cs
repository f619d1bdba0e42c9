namespace Microsoft.Extensions.Hosting;

public static class TestDataAgentExtensions
{
    /// <summary>
    /// Everything the service is, apart from where it listens: the API (gRPC, JSON, health, metrics, generation) and
    /// Redis. Shared by <c>Program.cs</c> and hosts that embed the service (the load driver).
    /// </summary>
    public static IHostApplicationBuilder AddTestDataAgent(this IHostApplicationBuilder builder)
    {
        builder.AddTestDataAgentApi();
        builder.AddTestDataAgentRedis();
        builder.AddTestDataAgentRag();
        return builder;
    }

    /// <summary>Maps every endpoint: ServiceDefaults' <c>/alive</c>, the health routes, gRPC, reflection, health and metrics.</summary>
    public static WebApplication MapTestDataAgent(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapTestDataAgentHealth();
        app.MapTestDataAgentGrpc();
        return app;
    }
}
