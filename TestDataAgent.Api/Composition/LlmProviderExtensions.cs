using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using TestDataAgent.Api.Infrastructure.Llm;
using TestDataAgent.Generators.Hybrid;
using TestDataAgent.Generators.Llm;

// RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace ServiceDefaults' handler on one client.
#pragma warning disable EXTEXP0001

namespace TestDataAgent.Api.Composition;

public static class LlmProviderExtensions
{
    /// <summary>The ActivitySource of the LLM calls (Microsoft.Extensions.AI's OpenTelemetry chat client).</summary>
    public const string TelemetrySource = "TestDataAgent.Llm";

    /// <summary>
    /// Adds every configured LLM provider (<c>ConnectionStrings:claude</c>, <c>vllm</c>, <c>ollama</c>) in the order of
    /// <c>Llm:Preference</c>, each on its own HTTP client with minute-scale timeouts, retries that honour <c>Retry-After</c>
    /// and a circuit breaker, wrapped in OpenTelemetry, and a health check per provider. With none configured the LLM
    /// path is unavailable and the router falls back; start-up never needs a key. Binds <see cref="LlmOptions"/> and
    /// <see cref="HybridOptions"/> (the hybrid path is the LLM with retrieved examples).
    /// </summary>
    public static IHostApplicationBuilder AddLlmProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HybridOptions>()
            .BindConfiguration(HybridOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var preference = builder.Configuration.GetSection($"{LlmOptions.SectionName}:{nameof(LlmOptions.Preference)}").Get<string[]>() is { Length: > 0 } configured
            ? configured
            : new LlmOptions().Preference;
        var connections = new List<LlmConnection>();
        foreach (var name in preference.Select(p => p.Trim().ToLowerInvariant()).Distinct())
        {
            if (!ResourceNames.LlmProviders.Contains(name))
            {
                throw new InvalidOperationException($"Llm:Preference names '{name}'; use {string.Join(", ", ResourceNames.LlmProviders)}");
            }

            if (builder.Configuration.GetConnectionString(name) is { Length: > 0 } text && LlmConnection.Parse(name, text) is { } connection)
            {
                connections.Add(connection);
            }
        }

        builder.Services.AddSingleton(new ConfiguredLlmProviders(preference, connections));
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(TelemetrySource));
        if (connections.Count == 0)
        {
            return builder;
        }

        builder.Services.AddHttpClient(LlmProviderHealthCheck.HttpClientName).RemoveAllResilienceHandlers();
        var circuits = new Dictionary<string, ProviderCircuit>(StringComparer.Ordinal);
        foreach (var connection in connections)
        {
            var circuit = circuits[connection.Name] = new ProviderCircuit(TimeProvider.System);
            AddProviderHttpClient(builder.Services, connection, circuit);
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                LlmProviderHealthCheck.NameOf(connection.Name),
                sp => ActivatorUtilities.CreateInstance<LlmProviderHealthCheck>(sp, connection),
                failureStatus: null,
                tags: [ServiceHealthExtensions.OutsideSystemTag]));
        }

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var clients = sp.GetRequiredService<IHttpClientFactory>();
            var sensitive = sp.GetRequiredService<IHostEnvironment>().IsDevelopment();
            return new LlmProviderSet(connections.Select(connection =>
            {
                var inner = LlmClientFactory.Create(connection, clients.CreateClient(ClientName(connection.Name)), TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
                var client = new ChatClientBuilder(inner)
                    // Prompts and answers appear in traces only in Development.
                    .UseOpenTelemetry(sp.GetService<ILoggerFactory>(), TelemetrySource, telemetry => telemetry.EnableSensitiveData = sensitive)
                    .Build(sp);
                var circuit = circuits[connection.Name];
                return new LlmProvider(connection.Name, connection.Model, client, () => circuit.IsOpen);
            }));
        });
        return builder;
    }

    private static string ClientName(string provider) => $"llm-{provider}";

    private static void AddProviderHttpClient(IServiceCollection services, LlmConnection connection, ProviderCircuit circuit)
    {
        services.AddHttpClient(ClientName(connection.Name), http => http.Timeout = Timeout.InfiniteTimeSpan)
            // Not ServiceDefaults' 10 s / 30 s handler: a model takes seconds to minutes for a batch.
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler(ClientName(connection.Name), (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                    ShouldHandle = options.MaxRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakSeconds),
                    StateProvider = circuit.State,
                    OnOpened = circuit.OpenedAsync,
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });
        // Inside the retries, so every attempt's 429 slows the request's batches down.
        services.AddHttpClient(ClientName(connection.Name))
            .AddHttpMessageHandler(sp => new ThrottleObservingHandler(sp.GetRequiredService<LlmThrottle>()));
    }
}
