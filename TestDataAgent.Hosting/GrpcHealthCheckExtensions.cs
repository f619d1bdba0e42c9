using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TestDataAgent.Hosting;

public static class GrpcHealthCheckExtensions
{
    /// <summary>
    /// Marks the resource healthy when its <paramref name="endpointName"/> endpoint answers grpc.health.v1 with SERVING.
    /// Use it for HTTP/2-only (h2c) endpoints, where an HTTP/1.1 health check cannot connect.
    /// </summary>
    public static IResourceBuilder<T> WithGrpcHealthCheck<T>(this IResourceBuilder<T> builder, string endpointName)
        where T : IResourceWithEndpoints
    {
        var endpoint = builder.Resource.GetEndpoint(endpointName);
        var key = $"{builder.Resource.Name}_{endpointName}_grpc_health";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new GrpcEndpointHealthCheck(endpoint), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }

    private sealed class GrpcEndpointHealthCheck(EndpointReference endpoint) : IHealthCheck
    {
        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var channel = GrpcChannel.ForAddress(endpoint.Url);
                var reply = await new Health.HealthClient(channel).CheckAsync(
                    new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(s_timeout), cancellationToken: cancellationToken);
                return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"grpc.health.v1 says {reply.Status}");
            }
            catch (Grpc.Core.RpcException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Status.Detail, ex);
            }
        }
    }
}
