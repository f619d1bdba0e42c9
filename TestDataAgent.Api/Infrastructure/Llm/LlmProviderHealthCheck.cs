using Microsoft.Extensions.Diagnostics.HealthChecks;
using TestDataAgent.Generators.Llm;

namespace TestDataAgent.Api.Infrastructure.Llm;

/// <summary>
/// Probes one provider with a cheap, bounded call that costs no tokens (the model list), on a client without retries.
/// A provider that does not answer is unavailable and one whose circuit is open is degraded; neither stops the service,
/// which falls over to the next provider and then to the traditional path.
/// </summary>
internal sealed class LlmProviderHealthCheck(LlmConnection connection, LlmProviderSet providers, IHttpClientFactory clients) : IHealthCheck
{
    public const string HttpClientName = "llm-health";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    public static string NameOf(string provider) => $"llm_{provider}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            using var request = ProbeRequest();
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"{connection.Name} answered {(int)response.StatusCode}");
            }

            return providers.Providers.FirstOrDefault(p => p.Name == connection.Name) is { IsCircuitOpen: true }
                ? HealthCheckResult.Degraded($"{connection.Name}: circuit open after repeated failures")
                : HealthCheckResult.Healthy($"{connection.Name} ({connection.Model})");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{connection.Name} did not answer within {s_timeout.TotalSeconds:0} s");
        }
    }

    private HttpRequestMessage ProbeRequest()
    {
        switch (connection.Name)
        {
            case ResourceNames.Claude:
                var claude = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.Endpoint ?? new Uri("https://api.anthropic.com"), "/v1/models"));
                claude.Headers.Add("x-api-key", connection.Key);
                claude.Headers.Add("anthropic-version", "2023-06-01");
                return claude;
            case ResourceNames.Ollama:
                return new HttpRequestMessage(HttpMethod.Get, new Uri(connection.Endpoint!, "/api/tags"));
            default:
                var models = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.Endpoint!.ToString().TrimEnd('/') + "/models"));
                if (connection.Key is { } key)
                {
                    models.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                }

                return models;
        }
    }
}
