namespace TestDataAgent.AppHost;

public static class WeaviateResourceExtensions
{
    /// <summary>The pinned image tag; change it deliberately, with the client contract tests.</summary>
    public const string ImageTag = "1.28.4";

    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds Weaviate when this machine can run it, chosen by <c>AppHost:Weaviate</c> (<c>auto</c> by default): publish
    /// mode always models the container; at run time only a healthy container runtime runs it (with a data volume),
    /// else there is none (returns null) and the api uses its embedded pattern store.
    /// </summary>
    public static IResourceBuilder<WeaviateResource>? AddTestDataWeaviate(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = builder.Configuration["AppHost:Weaviate"] ?? "auto";
        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        if (!builder.ExecutionContext.IsPublishMode && (mode == "none" || (mode == "auto" && !ContainerRuntimeProbe.IsHealthy(runtime, s_probeTimeout))))
        {
            Console.Error.WriteLine($"No container runtime: '{name}' is not started and the api uses its embedded pattern store.");
            return null;
        }

        return builder.AddResource(new WeaviateResource(name))
            .WithImage("semitechnologies/weaviate", ImageTag)
            .WithHttpEndpoint(targetPort: 8080, name: WeaviateResource.HttpEndpointName)
            .WithEnvironment("AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED", "true")
            .WithEnvironment("PERSISTENCE_DATA_PATH", "/var/lib/weaviate")
            .WithEnvironment("DEFAULT_VECTORIZER_MODULE", "none")
            .WithEnvironment("CLUSTER_HOSTNAME", "node1")
            .WithVolume($"{name}-data", "/var/lib/weaviate")
            .WithHttpHealthCheck("/v1/.well-known/ready", endpointName: WeaviateResource.HttpEndpointName);
    }
}
