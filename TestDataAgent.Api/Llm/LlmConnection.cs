using System.Data.Common;

namespace TestDataAgent.Api.Llm;

/// <summary>
/// An LLM provider's Aspire-style connection string: <c>Endpoint=…;Key=…;Model=…</c> (keys case-insensitive).
/// </summary>
public sealed record LlmConnection(string Name, Uri? Endpoint, string? Key, string Model)
{
    /// <exception cref="InvalidOperationException">The string is malformed or lacks what the provider needs; the message names the setting.</exception>
    public static LlmConnection Parse(string name, string connectionString)
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

        var model = Read("Model") ?? throw new InvalidOperationException($"{setting} needs Model=… (the model to call)");
        Uri? endpoint = null;
        if (Read("Endpoint") is { } text && !Uri.TryCreate(text, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{setting}: Endpoint '{text}' is not an absolute URI");
        }

        var key = Read("Key");
        if (name == LlmProviderNames.Claude && key is null)
        {
            throw new InvalidOperationException($"{setting} needs Key=… (the Anthropic API key)");
        }

        if (name != LlmProviderNames.Claude && endpoint is null)
        {
            throw new InvalidOperationException($"{setting} needs Endpoint=… (for example http://localhost:{(name == LlmProviderNames.Ollama ? "11434" : "8000/v1")})");
        }

        return new LlmConnection(name, endpoint, key, model);
    }
}

/// <summary>The connection names of the providers the service knows, shared with the AppHost.</summary>
public static class LlmProviderNames
{
    public const string Claude = "claude";
    public const string Vllm = "vllm";
    public const string Ollama = "ollama";

    public static IReadOnlyList<string> All { get; } = [Claude, Vllm, Ollama];
}
