namespace TestDataAgent;

/// <summary>Names of the app model's resources, shared by the AppHost and the services (linked into both).</summary>
public static class ResourceNames
{
    public const string Api = "api";
    public const string Redis = "redis";
    public const string Weaviate = "weaviate";

    /// <summary>The playground (TestDataAgent.Web).</summary>
    public const string Web = "web";

    /// <summary>The AppHost's PostgreSQL, seeded with test data in run mode.</summary>
    public const string Postgres = "postgres";

    /// <summary>LLM providers: the connection names the api reads (<c>ConnectionStrings:claude</c> …).</summary>
    public const string Claude = "claude";
    public const string Vllm = "vllm";
    public const string Ollama = "ollama";

    /// <summary>The LLM providers the api knows, in its default order of preference.</summary>
    public static IReadOnlyList<string> LlmProviders { get; } = [Claude, Vllm, Ollama];

    /// <summary>The api's h2c gRPC endpoint (the original's port 9091).</summary>
    public const string GrpcEndpoint = "grpc";

    /// <summary>The api's HTTP endpoint for health, JSON and metrics (the original's port 8091).</summary>
    public const string HttpEndpoint = "http";
}
