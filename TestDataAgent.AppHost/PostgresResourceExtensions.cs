using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TestDataAgent.AppHost;

public static class PostgresResourceExtensions
{
    internal const string DirectoryPrefix = "tda-apphost-pg-";

    /// <summary>The file in a cluster's directory that names the process of the AppHost that made it.</summary>
    internal const string OwnerFile = "apphost.pid";

    // A directory without an owner file is either from before owner files or one being made this instant.
    private static readonly TimeSpan s_unownedGrace = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds the PostgreSQL the AppHost seeds with test data, chosen by <c>AppHost:Postgres</c> (<c>auto</c> by default):
    /// at run time a healthy container runtime runs the PostgreSQL container, else the machine's <c>postgresql</c>
    /// packages (<c>/usr/lib/postgresql/*/bin</c>) run as a local process, else there is none (returns null). Publish
    /// mode returns null too: the seeded database is a development aid, not part of the deployment.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddTestDataPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = builder.Configuration["AppHost:Postgres"] ?? "auto";
        if (builder.ExecutionContext.IsPublishMode || mode == "none")
        {
            return null;
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        if (mode == "container" || (mode == "auto" && ContainerRuntimeProbe.IsHealthy(runtime, s_probeTimeout)))
        {
            return builder.AddPostgres(name);
        }

        if (FindPostgresBin() is { } bin)
        {
            return builder.AddLocalPostgres(name, bin);
        }

        Console.Error.WriteLine($"No container runtime and no PostgreSQL under /usr/lib/postgresql: '{name}' is not started and no test data is seeded.");
        return null;
    }

    /// <summary>
    /// Runs the PostgreSQL of <paramref name="bin"/> (<c>initdb</c> into a new directory of this run, then <c>postgres</c>
    /// on <c>localhost</c> at a port the orchestrator picks, unproxied, <c>fsync</c> off), healthy when a connection
    /// answers. initdb refuses root, so under root both run as the <c>postgres</c> user (<c>runuser -u postgres</c>).
    /// The directory is removed when the AppHost exits, or, where postgres was still writing it then, by the next start.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string bin)
    {
        RemoveStoppedClusters();
        var directory = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            // The postgres user (under root) must write its cluster and socket here.
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        }

        // Whose directory it is: another AppHost starting meanwhile (tests start several at once) leaves it alone while
        // this process lives, even before initdb has finished and postgres has written its postmaster.pid.
        MarkOwner(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);
        var asRoot = Environment.UserName == "root";
        var resource = new LocalPostgresResource(name, asRoot ? "runuser" : "sh", builder.AppHostDirectory, directory);
        var data = Path.Combine(directory, "data");
        // $1 is the port. A restart (dashboard) finds the cluster made and starts it again.
        var script = $"[ -f '{data}/PG_VERSION' ] || '{bin}/initdb' -D '{data}' -U postgres --auth=trust --no-sync || exit 1; " +
            $"exec '{bin}/postgres' -D '{data}' -k '{directory}' -p \"$1\" -c listen_addresses=localhost -c fsync=off";
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => CheckAsync(resource, ct));

        return builder.AddResource(resource)
            .WithEndpoint(name: LocalPostgresResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                if (asRoot)
                {
                    context.Args.Add("-u");
                    context.Args.Add("postgres");
                    context.Args.Add("--");
                    context.Args.Add("sh");
                }

                context.Args.Add("-c");
                context.Args.Add(script);
                context.Args.Add("postgres-local");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey);
    }

    private static async Task<HealthCheckResult> CheckAsync(LocalPostgresResource resource, CancellationToken ct)
    {
        try
        {
            var connectionString = await ((IResourceWithConnectionString)resource).GetConnectionStringAsync(ct)
                ?? throw new InvalidOperationException($"The connection string of '{resource.Name}' is not available yet.");
            // Unpooled: an idle pooled connection would hold up postgres's smart shutdown when the AppHost stops.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }

    private static string? FindPostgresBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")))
                .OrderDescending().FirstOrDefault()
            : null;

    /// <summary>Names this process as the owner of <paramref name="directory"/>: written aside and renamed, so the file is whole when seen.</summary>
    internal static void MarkOwner(string directory)
    {
        var pending = Path.Combine(directory, OwnerFile + ".new");
        File.WriteAllText(pending, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(pending, Path.Combine(directory, OwnerFile), overwrite: true);
    }

    /// <summary>
    /// Removes the directories of earlier runs: those whose AppHost has exited (its <see cref="OwnerFile"/>) and whose
    /// postgres no longer runs (no live <c>postmaster.pid</c>). A directory of a live AppHost is never touched, however
    /// far its cluster has got.
    /// </summary>
    internal static void RemoveStoppedClusters()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), $"{DirectoryPrefix}*"))
        {
            var ownerFile = Path.Combine(directory, OwnerFile);
            var pidFile = Path.Combine(directory, "data", "postmaster.pid");
            var ownerRuns = File.Exists(ownerFile) ? IsRunning(ownerFile) : Directory.GetCreationTimeUtc(directory) > DateTime.UtcNow - s_unownedGrace;
            if (!ownerRuns && (!File.Exists(pidFile) || !IsRunning(pidFile)))
            {
                TryDelete(directory);
            }
        }
    }

    private static bool IsRunning(string pidFile)
    {
        try
        {
            var pid = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException)
        {
            // Unreadable: assume it runs and leave it.
            return ex is IOException or UnauthorizedAccessException;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
