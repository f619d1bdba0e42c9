using System.Data.Common;

namespace TestDataAgent.Api.Infrastructure.Llm;

/// <summary>
/// An LLM provider's Aspire-style connection string: <c>Endpoint=…;Key=…;Model=…</c> (keys case-insensitive).
/// </summary>
public sealed record LlmConnection(string Name, Uri? Endpoint, string? Key, string Model)
{
    /// <summary>
    /// Reads a provider's connection string; <see langword="null"/> when it leaves out what says where to go (Claude's
    /// <c>Key</c>, the others' <c>Endpoint</c>), as the AppHost's empty parameters do: the provider is then not configured.
    /// </summary>
    /// <exception cref="InvalidOperationException">The string is malformed; the message names the setting and the rule.</exception>
    public static LlmConnection? Parse(string name, string connectionString)
    {
        var setting = $"ConnectionStrings:{name}";
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{setting} is not a connection string (Endpoint=…;Key=…;Model=…): {ex.Message}");
        }

        string? Read(string key) => builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text ? text.Trim() : null;

        var key = Read("Key");
        if ((name == ResourceNames.Claude && key is null) || (name != ResourceNames.Claude && Read("Endpoint") is null))
        {
            return null;
        }

        var model = Read("Model") ?? throw new InvalidOperationException($"{setting} needs Model=… (the model to call)");
        Uri? endpoint = null;
        if (Read("Endpoint") is { } text && !Uri.TryCreate(text, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{setting}: Endpoint '{text}' is not an absolute URI");
        }

        return new LlmConnection(name, endpoint, key, model);
    }
}
