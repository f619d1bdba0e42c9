using Microsoft.Extensions.Options;
using TestDataAgent.Api.Health;
using TestDataAgent.Api.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class HealthEndpoints
{
    /// <summary>
    /// The original's HTTP health routes, which probes and the original Docker HEALTHCHECK call:
    /// <c>/health</c> (service identity), <c>/health/live</c>, and <c>/health/ready</c> (503 when it cannot serve).
    /// </summary>
    public static WebApplication MapTestDataAgentHealth(this WebApplication app)
    {
        app.MapGet("/health", (IOptions<ServiceInfoOptions> info) => Results.Ok(new
        {
            status = "healthy",
            service = info.Value.ServiceName,
            version = info.Value.Version,
            environment = info.Value.Environment,
        }));

        app.MapGet("/health/live", () => Results.Ok(new { status = "ok" }));

        app.MapGet("/health/ready", async (DependencyHealthReporter reporter, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            var snapshot = await reporter.CheckAsync(cancellationToken);
            return snapshot.Serving
                ? Results.Ok(new { status = "ready", grpc_port = GrpcPort(configuration), components = snapshot.Components })
                : Results.Json(new { status = "not_ready", reason = "gRPC server not ready", components = snapshot.Components }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });

        return app;
    }

    private static int GrpcPort(IConfiguration configuration) =>
        int.TryParse(configuration["GRPC_PORT"], out var port) ? port : PortsExtensions.DefaultGrpcPort;
}
