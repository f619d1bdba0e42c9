using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>The service's start and stop as an operator sees them: bad settings stop it starting; readiness drops first when it stops.</summary>
public sealed class HostLifecycleTests
{
    public static TheoryData<string, string, string, string> InvalidSettings => new()
    {
        { "Generation:MaxSyncRecords", "-1", "GenerationOptions", "MaxSyncRecords" },
        { "Generation:ChunkMaxBytes", "10", "GenerationOptions", "ChunkMaxBytes" },
        { "Cache:TtlSeconds", "0", "CacheOptions", "TtlSeconds" },
        { "Pool:RefillRecords", "0", "PoolOptions", "RefillRecords" },
        { "Llm:BatchSize", "0", "LlmOptions", "BatchSize" },
        { "Rag:TopK", "0", "RagOptions", "TopK" },
        { "GRPC_PORT", "70000", "GRPC_PORT", "65535" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task AnInvalidSettingStopsStartUpAndIsNamed(string key, string value, string owner, string named)
    {
        ApiHost? started = null;

        var error = Record.Exception(() => started = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "", ["Rag:SeedOnStartup"] = "false", [key] = value }));

        if (started is not null)
        {
            await started.DisposeAsync();
        }

        Assert.NotNull(error);
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains(owner, messages, StringComparison.Ordinal);
        Assert.Contains(named, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessAnswers503OnceTheServiceIsStoppingWhileLivenessStillAnswers()
    {
        // The one dependency readiness requires is the gRPC server itself; every other one has a fallback.
        var gate = new ShutdownGate();
        await using var api = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "", ["Rag:SeedOnStartup"] = "false" },
            services => services.AddSingleton<IHostedService>(gate));
        using (var ready = await api.Http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // What SIGTERM does. The gate, stopped before the web server (hosted services stop in reverse order), holds
        // the shutdown while the server still answers, as in-flight work does in a real one.
        api.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        HttpResponseMessage stopping, live;
        try
        {
            stopping = await api.Http.GetAsync("/health/ready");
            live = await api.Http.GetAsync("/health/live");
        }
        finally
        {
            gate.Open();
        }

        using var _ = stopping;
        using var __ = live;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopping.StatusCode);
        using var body = JsonDocument.Parse(await stopping.Content.ReadAsStringAsync());
        Assert.Equal("not_ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("unavailable", body.RootElement.GetProperty("components").GetProperty("grpc_server").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>A hosted service whose stop waits until the test opens it (bounded), so the server can be asked during shutdown.</summary>
    private sealed class ShutdownGate : IHostedService
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(Deadlines.Hang, cancellationToken);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var next))
        {
            yield return next;
            foreach (var inner in next is AggregateException aggregate ? aggregate.InnerExceptions : next.InnerException is { } one ? [one] : [])
            {
                pending.Push(inner);
            }
        }
    }
}
