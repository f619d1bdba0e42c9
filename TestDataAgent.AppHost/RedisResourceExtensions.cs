using Microsoft.Extensions.DependencyInjection;

namespace TestDataAgent.AppHost;

public static class RedisResourceExtensions
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds Redis the best way this machine allows, chosen by <c>AppHost:Redis</c> (<c>auto</c> by default):
    /// publish mode always models the Redis container; at run time a healthy container runtime runs the container,
    /// else a <c>redis-server</c> found on PATH runs as a local process, else there is no Redis (returns null) and
    /// the api runs without a cache and says so.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddTestDataRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = builder.Configuration["AppHost:Redis"] ?? "auto";
        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        if (builder.ExecutionContext.IsPublishMode || mode == "container" ||
            (mode == "auto" && ContainerRuntimeProbe.IsHealthy(runtime, s_probeTimeout)))
        {
            return builder.AddRedis(name);
        }

        if (mode != "none" && FindOnPath("redis-server") is { } redisServer)
        {
            return builder.AddLocalRedis(name, redisServer);
        }

        Console.Error.WriteLine($"No container runtime and no redis-server on PATH: '{name}' is not started and the api runs without Redis.");
        return null;
    }

    /// <summary>
    /// Runs <paramref name="command"/> (a <c>redis-server</c>) on a port the orchestrator picks, without persistence, with
    /// a Redis PING health check. The endpoint is not proxied: clients talk to redis-server directly.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, string command)
    {
        var resource = new LocalRedisResource(name, command, builder.AppHostDirectory);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => ((IResourceWithConnectionString)resource).GetConnectionStringAsync().AsTask().GetAwaiter().GetResult()
                ?? throw new InvalidOperationException($"The connection string of '{name}' is not available yet."),
            name: healthCheckKey);

        return builder.AddResource(resource)
            .WithEndpoint(name: LocalRedisResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--appendonly");
                context.Args.Add("no");
            })
            .WithHealthCheck(healthCheckKey);
    }

    private static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
}
