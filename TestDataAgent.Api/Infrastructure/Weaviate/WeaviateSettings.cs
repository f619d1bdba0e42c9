using System.Data.Common;

namespace TestDataAgent.Api.Infrastructure.Weaviate;

/// <summary>
/// Settings of the Weaviate client, from <c>Aspire:Weaviate</c> and the connection string
/// <c>Endpoint=http://host:8080;Key=…</c> (the key is sent as <c>Authorization: Bearer</c>).
/// </summary>
public sealed class WeaviateSettings
{
    public Uri? Endpoint { get; set; }

    public string? Key { get; set; }

    /// <summary>Longest wait for one call, in milliseconds.</summary>
    public int TimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>Fills <see cref="Endpoint"/> and <see cref="Key"/> from a connection string; a bare URL is an endpoint.</summary>
    /// <exception cref="FormatException">The connection string has no usable endpoint.</exception>
    public void ParseConnectionString(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var bare) && bare.Scheme is "http" or "https")
        {
            Endpoint = bare;
            return;
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (builder.TryGetValue("Endpoint", out var endpoint))
        {
            Endpoint = Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new FormatException($"ConnectionStrings:weaviate has Endpoint '{endpoint}', which is not an http(s) URL.");
        }

        if (builder.TryGetValue("Key", out var key) && key?.ToString() is { Length: > 0 } text)
        {
            Key = text;
        }

        if (Endpoint is null)
        {
            throw new FormatException("ConnectionStrings:weaviate needs Endpoint=http://host:port (and optionally Key=…).");
        }
    }
}
