using Grpc.Core;
using StackExchange.Redis;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// Redis slow, stalled and restarting as a network makes it, through a TCP proxy between the Api and a real
/// redis-server, with the Redis bound (<c>Cache:RedisTimeoutMilliseconds</c>) at its default of 250 ms.
/// </summary>
public sealed class RedisFaultTests
{
    // Catches a hang only. Every Redis call below is delayed far longer than this, so a request that waited for Redis
    // even once could not finish within it, while one that kept the 250 ms bound finishes with room to spare.
    private static readonly TimeSpan s_fasterThanRedis = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_shorterThanConnecting = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_redisDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ASlowRedisNeverSlowsACachedRequestOrAPooledDrawPastItsBound()
    {
        await using var setup = await Setup.StartAsync();
        await setup.WarmAsync();

        setup.Proxy.Delay(s_redisDelay);

        await setup.AssertServedWithoutRedisAsync(Cached(seed: 2));
        await setup.AssertServedWithoutRedisAsync(Pooled(seed: 3));
    }

    [Fact]
    public async Task AStalledRedisNeverSlowsACachedRequestOrAPooledDrawPastItsBound()
    {
        await using var setup = await Setup.StartAsync();
        await setup.WarmAsync();

        setup.Proxy.Stall();

        await setup.AssertServedWithoutRedisAsync(Cached(seed: 2));
        await setup.AssertServedWithoutRedisAsync(Pooled(seed: 3));
    }

    [Fact]
    public async Task ARedisStalledWhenTheServiceStartsNeverHoldsItsFirstRequests()
    {
        // The Redis client's own connect timeout is far longer than the hang deadline: only the Api's bound can keep
        // the first request (the one that connects) short.
        await using var setup = await Setup.StartAsync(stalled: true, clientSettings: ",connectTimeout=30000");

        // Bounded well under that 30 s connect timeout, but not by the 5 s of the other tests: a fresh host's first model
        // calls can take that long on a loaded 2-core machine running the whole suite (seen once in CI).
        await setup.AssertServedWithoutRedisAsync(Cached(seed: 1), s_shorterThanConnecting);
        await setup.AssertServedWithoutRedisAsync(Pooled(seed: 2), s_shorterThanConnecting);
        var health = await setup.Api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(s_fasterThanRedis));
        Assert.Equal("healthy", health.Status);
        Assert.NotEqual("healthy", health.Components["redis"]);

        setup.Proxy.Pass();
        await setup.WarmAsync();
    }

    [Fact]
    public async Task AfterARedisRestartCachingResumesAndAPoolRefillStarts()
    {
        await using var setup = await Setup.StartAsync();
        await setup.WarmAsync();
        setup.Proxy.Stall();
        await setup.AssertServedWithoutRedisAsync(Pooled(seed: 2));

        // Redis restarts: every connection is reset, then it answers again (its data kept).
        setup.Proxy.Reset();
        await setup.Redis.FlushAsync();
        setup.Proxy.Pass();

        var deadline = DateTime.UtcNow.Add(s_timeout);
        var seed = 100;
        while (await setup.Redis.CountAsync("*testdata:response:*") == 0 || await setup.Redis.PoolSizeAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "after Redis came back no response reached it or no pool refill was written to it");
            var response = await setup.Api.Client.GenerateDataAsync(Pooled(seed++), deadline: DateTime.UtcNow.Add(s_timeout));
            Assert.True(response.Success, response.Error);
            await Task.Delay(100);
        }
    }

    private static GenerateRequest Cached(long seed) => new() { Entity = "user", Count = 5, Seed = seed, UseCache = true };

    private static GenerateRequest Pooled(long seed) =>
        new() { Entity = "review", Count = 5, Seed = seed, UseCache = true, GenerationMethod = GenerationMethod.Llm, Context = "reviews of coffee gear" };

    /// <summary>A redis-server behind a proxy, a model stand-in and an Api using both, the Redis settings at their defaults.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private Setup(DirectRedis redis, TcpFaultProxy proxy, LlmStandIn model, ApiHost api)
        {
            Redis = redis;
            Proxy = proxy;
            Model = model;
            Api = api;
        }

        public DirectRedis Redis { get; }

        public TcpFaultProxy Proxy { get; }

        public LlmStandIn Model { get; }

        public ApiHost Api { get; }

        public static async Task<Setup> StartAsync(bool stalled = false, string clientSettings = "")
        {
            var redis = await DirectRedis.StartAsync();
            var proxy = TcpFaultProxy.Start(redis.Server.Port);
            if (stalled)
            {
                proxy.Stall();
            }

            var model = await LlmStandIn.StartAsync();
            var api = ApiHost.Start(new Dictionary<string, string>
            {
                ["ConnectionStrings:redis"] = proxy.Address + clientSettings,
                ["ConnectionStrings:ollama"] = $"Endpoint={model.BaseUrl};Model=stand-in-model",
                ["Pool:LowWater"] = "20",
                ["Pool:RefillRecords"] = "20",
            });
            return new Setup(redis, proxy, model, api);
        }

        /// <summary>With Redis passing, a cached and a pooled request reach it (the entry and the refill are written there).</summary>
        public async Task WarmAsync()
        {
            var deadline = DateTime.UtcNow.Add(s_timeout);
            var seed = 1_000;
            while (await Redis.CountAsync("*testdata:response:*") == 0 || await Redis.PoolSizeAsync() == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "Redis was never used while the proxy passed");
                var response = await Api.Client.GenerateDataAsync(Pooled(seed++), deadline: DateTime.UtcNow.Add(s_timeout));
                Assert.True(response.Success, response.Error);
                await Task.Delay(100);
            }
        }

        public async Task AssertServedWithoutRedisAsync(GenerateRequest request, TimeSpan? within = null)
        {
            GenerateResponse response;
            try
            {
                response = await Api.Client.GenerateDataAsync(request, deadline: DateTime.UtcNow.Add(within ?? s_fasterThanRedis));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
            {
                Assert.Fail($"a {request.GenerationMethod} request with use_cache waited for a slow or stalled Redis instead of bypassing it after Cache:RedisTimeoutMilliseconds");
                throw;
            }

            Assert.True(response.Success, response.Error);
            Assert.Equal(request.Count, response.RecordCount);
            Assert.Contains(response.Metadata.Warnings, w => w.Contains("Redis is unavailable or slow", StringComparison.Ordinal));
        }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            await Proxy.DisposeAsync();
            await Model.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    /// <summary>The redis-server, and a connection to it that bypasses the proxy, to look at what the Api wrote.</summary>
    private sealed class DirectRedis : IAsyncDisposable
    {
        private DirectRedis(RedisServer server, ConnectionMultiplexer connection)
        {
            Server = server;
            Connection = connection;
        }

        public RedisServer Server { get; }

        private ConnectionMultiplexer Connection { get; }

        public static async Task<DirectRedis> StartAsync()
        {
            var server = await RedisServer.StartAsync();
            return new DirectRedis(server, await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},allowAdmin=true"));
        }

        public async Task<int> CountAsync(string pattern)
        {
            var count = 0;
            await foreach (var _ in Connection.GetServers()[0].KeysAsync(pattern: pattern))
            {
                count++;
            }

            return count;
        }

        public async Task<long> PoolSizeAsync()
        {
            var total = 0L;
            await foreach (var key in Connection.GetServers()[0].KeysAsync(pattern: "testdata:pool:*"))
            {
                total += await Connection.GetDatabase().ListLengthAsync(key);
            }

            return total;
        }

        public Task FlushAsync() => Connection.GetServers()[0].FlushAllDatabasesAsync();

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
