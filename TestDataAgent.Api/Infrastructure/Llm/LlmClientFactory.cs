using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace TestDataAgent.Api.Infrastructure.Llm;

/// <summary>
/// Makes each provider's <see cref="IChatClient"/> from its official SDK on our resilient <see cref="HttpClient"/>: Claude
/// through <c>Anthropic</c>, vLLM through its OpenAI-compatible API, Ollama through <c>OllamaSharp</c>. The SDKs' own
/// retries are off: retries, timeouts and the circuit breaker live in the HTTP pipeline.
/// </summary>
internal static class LlmClientFactory
{
    public static IChatClient Create(LlmConnection connection, HttpClient http, TimeSpan timeout) => connection.Name switch
    {
        ResourceNames.Claude => new AnthropicClient(new ClientOptions
        {
            ApiKey = connection.Key,
            BaseUrl = connection.Endpoint?.ToString().TrimEnd('/') ?? EnvironmentUrl.Production,
            HttpClient = http,
            MaxRetries = 0,
            Timeout = timeout,
        }).AsIChatClient(connection.Model),
        ResourceNames.Vllm => new OpenAIClient(
            new ApiKeyCredential(connection.Key ?? "none"),
            new OpenAIClientOptions
            {
                Endpoint = connection.Endpoint,
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(0),
                NetworkTimeout = timeout,
            }).GetChatClient(connection.Model).AsIChatClient(),
        ResourceNames.Ollama => OllamaClient(connection, http),
        _ => throw new InvalidOperationException($"ConnectionStrings:{connection.Name}: unknown LLM provider; use one of {string.Join(", ", ResourceNames.LlmProviders)}"),
    };

    private static OllamaApiClient OllamaClient(LlmConnection connection, HttpClient http)
    {
        http.BaseAddress = connection.Endpoint;
        return new OllamaApiClient(http, connection.Model);
    }
}
