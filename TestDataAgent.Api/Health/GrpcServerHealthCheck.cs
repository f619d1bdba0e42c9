using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TestDataAgent.Api.Health;

/// <summary>Healthy once the server has started and until it begins to stop: the service can serve requests.</summary>
internal sealed class GrpcServerHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "grpc_server";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var serving = lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;
        return Task.FromResult(serving
            ? HealthCheckResult.Healthy("accepting requests")
            : HealthCheckResult.Unhealthy(lifetime.ApplicationStopping.IsCancellationRequested ? "shutting down" : "starting"));
    }
}
