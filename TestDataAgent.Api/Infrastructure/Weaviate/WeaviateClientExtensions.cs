using System.Net.Http.Headers;

namespace TestDataAgent.Api.Infrastructure.Weaviate;

public static class WeaviateClientExtensions
{
    /// <summary>
    /// Adds a <see cref="WeaviateClient"/> the way Aspire client integrations do: settings from <c>Aspire:Weaviate</c>,
    /// then <c>ConnectionStrings:{connectionName}</c> (<c>Endpoint=http://host:8080;Key=…</c>; the key is sent as
    /// <c>Authorization: Bearer</c>), then <paramref name="configure"/>. Calls go through <c>IHttpClientFactory</c>, so the
    /// service defaults' resilience and telemetry apply. Also registers the <see cref="WeaviatePatternCollections"/>.
    /// </summary>
    public static IHostApplicationBuilder AddWeaviateClient(this IHostApplicationBuilder builder, string connectionName, Action<WeaviateSettings>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = new WeaviateSettings();
        builder.Configuration.GetSection("Aspire:Weaviate").Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ParseConnectionString(connectionString);
        }

        configure?.Invoke(settings);
        if (settings.Endpoint is null)
        {
            throw new InvalidOperationException($"Weaviate needs an endpoint: set ConnectionStrings:{connectionName} (Endpoint=http://host:8080;Key=…) or Aspire:Weaviate:Endpoint.");
        }

        var httpClientName = $"weaviate:{connectionName}";
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt one client out of the defaults.
        builder.Services.AddHttpClient(httpClientName, http =>
        {
            http.BaseAddress = settings.Endpoint;
            http.Timeout = TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds);
            if (settings.Key is { Length: > 0 } key)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
        })
            // Not the service defaults' retries (up to ~15 s against a dead store): one bounded attempt, then RAG falls
            // back to traditional records and the store is left alone for a pause.
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new WeaviateClient(() => factory.CreateClient(httpClientName));
        });
        builder.Services.AddSingleton<WeaviatePatternCollections>();
        return builder;
    }
}
