namespace TestDataAgent.AppHost;

public static class LlmResourceExtensions
{
    /// <summary>Pinned Ollama image; the model is pulled into the data volume on first start.</summary>
    public const string OllamaImage = "ollama/ollama";
    public const string OllamaTag = "0.12.6";

    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gives the api its LLM providers. Claude: the key as a secret parameter (<c>Parameters:claude-key</c>) and the model
    /// as a parameter. vLLM: its OpenAI-compatible endpoint and model as parameters. Ollama: a container with a data
    /// volume that pulls <c>Parameters:ollama-model</c> when a container runtime answers (<c>AppHost:Ollama</c> =
    /// <c>auto</c>|<c>container</c>|<c>none</c>). Publish mode models all three; at run time only what is configured runs,
    /// so the AppHost starts with the .NET SDK alone and the api says which providers are not configured.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTestDataLlms(this IResourceBuilder<ProjectResource> api)
    {
        var builder = api.ApplicationBuilder;
        var publishing = builder.ExecutionContext.IsPublishMode;

        if (publishing || !string.IsNullOrWhiteSpace(builder.Configuration["Parameters:claude-key"]))
        {
            var key = builder.AddParameter("claude-key", secret: true);
            var model = builder.AddParameter("claude-model", "claude-sonnet-4-5", publishValueAsDefault: true);
            api.WithEnvironment($"ConnectionStrings__{ResourceNames.Claude}", ReferenceExpression.Create($"Key={key};Model={model}"));
        }

        if (publishing || !string.IsNullOrWhiteSpace(builder.Configuration["Parameters:vllm-endpoint"]))
        {
            var endpoint = builder.AddParameter("vllm-endpoint", "", publishValueAsDefault: true);
            var model = builder.AddParameter("vllm-model", "Qwen/Qwen2.5-7B-Instruct", publishValueAsDefault: true);
            api.WithEnvironment($"ConnectionStrings__{ResourceNames.Vllm}", ReferenceExpression.Create($"Endpoint={endpoint};Model={model}"));
        }

        var mode = builder.Configuration["AppHost:Ollama"] ?? "auto";
        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        if (publishing || mode == "container" || (mode == "auto" && ContainerRuntimeProbe.IsHealthy(runtime, s_probeTimeout)))
        {
            var model = builder.AddParameter("ollama-model", "llama3.2:3b", publishValueAsDefault: true);
            var ollama = builder.AddContainer(ResourceNames.Ollama, OllamaImage, OllamaTag)
                .WithHttpEndpoint(targetPort: 11434, name: "http")
                .WithVolume("test-data-agent-ollama", "/root/.ollama")
                .WithEnvironment("OLLAMA_MODEL", model)
                // Serve, pull the model once (kept in the volume), keep serving.
                .WithEntrypoint("/bin/sh")
                .WithArgs("-c", "ollama serve & pid=$!; sleep 3; ollama pull \"$OLLAMA_MODEL\"; wait $pid");
            var endpoint = ollama.GetEndpoint("http");
            api.WithEnvironment($"ConnectionStrings__{ResourceNames.Ollama}", ReferenceExpression.Create($"Endpoint={endpoint};Model={model}"))
                .WaitFor(ollama);
        }

        return api;
    }
}
