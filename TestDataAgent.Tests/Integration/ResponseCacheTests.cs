using StackExchange.Redis;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

public sealed class ResponseCacheTests
{
    [Fact]
    public async Task ARepeatedRequestIsServedFromTheCacheWhateverItsRequestId()
    {
        await using var api = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });
        var request = new GenerateRequest { RequestId = "first", Entity = "order", Count = 30, UseCache = true };

        var first = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        request.RequestId = "second";
        var second = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        var uncached = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "order", Count = 30 }, deadline: Deadlines.Call());

        Assert.False(first.Metadata.CacheHit);
        Assert.True(second.Metadata.CacheHit);
        Assert.Equal("second", second.RequestId);
        Assert.Equal(first.Data, second.Data);
        Assert.Equal(first.Metadata.Seed, second.Metadata.Seed);
        Assert.False(uncached.Metadata.CacheHit);
        Assert.NotEqual(first.Data, uncached.Data);
    }

    [Fact]
    public async Task AHitSurvivesARestartBecauseItComesFromRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        // A generous bound on Redis calls: on a busy machine a new host's first calls (connecting included) can pass the
        // default 250 ms, and the entry is then rightly not written, which is not what this test is about.
        var settings = new Dictionary<string, string> { ["ConnectionStrings:redis"] = redis.ConnectionString, ["Cache:RedisTimeoutMilliseconds"] = "10000" };
        var request = new GenerateRequest { Entity = "cart", Count = 20, UseCache = true };

        GenerateResponse first;
        await using (var api = ApiHost.Start(settings))
        {
            first = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        }

        await using var restarted = ApiHost.Start(settings);
        var second = await restarted.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(first.Metadata.CacheHit);
        Assert.DoesNotContain(first.Metadata.Warnings, w => w.StartsWith("cache:", StringComparison.Ordinal));
        Assert.True(second.Metadata.CacheHit, string.Join("; ", second.Metadata.Warnings));
        Assert.Equal(first.Data, second.Data);
    }

    [Fact]
    public async Task KillingRedisLosesNoRequestAndCachingResumesWhenItReturns()
    {
        await using var redis = await RedisServer.StartAsync();
        // Probes uncached: a probe result from before the kill (reused for Health:ProbeCacheSeconds) would still say healthy.
        await using var api = ApiHost.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Cache:RedisRetryAfterMilliseconds"] = "500",
            ["Health:ProbeCacheSeconds"] = "0",
        });
        var warm = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 5, UseCache = true, Seed = 1 }, deadline: Deadlines.Call());
        Assert.True(warm.Success, warm.Error);

        await redis.KillAsync();
        var duringOutage = new List<GenerateResponse>();
        for (var i = 0; i < 10; i++)
        {
            duringOutage.Add(await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 5, UseCache = true, Seed = 100 + i }, deadline: Deadlines.Call()));
        }

        Assert.All(duringOutage, r => Assert.True(r.Success, r.Error));
        Assert.Contains(duringOutage, r => r.Metadata.Warnings.Any(w => w.Contains("Redis", StringComparison.Ordinal)));
        var health = await api.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: Deadlines.Call());
        Assert.Equal("healthy", health.Status);
        Assert.NotEqual("healthy", health.Components["redis"]);

        await redis.StartAgainAsync();
        using var probe = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},abortConnect=false");
        var server = probe.GetServer(redis.ConnectionString);
        var resumed = false;
        // The Redis client reconnects in the background with backoff: allow it up to 30 s.
        for (var attempt = 0; attempt < 120 && !resumed; attempt++)
        {
            await Task.Delay(250);
            await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 5, UseCache = true, Seed = 1000 + attempt }, deadline: Deadlines.Call());
            resumed = server.Keys(pattern: "testdata:*").Any();
        }

        Assert.True(resumed, "no cache entry reached Redis after it came back");
    }
}
