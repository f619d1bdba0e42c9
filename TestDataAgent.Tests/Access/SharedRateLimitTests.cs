using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Access;

/// <summary>
/// <c>RequestsPerSecond</c> counted in Redis, so two replicas on one real redis-server share one limit, over gRPC and HTTP
/// alike; and with Redis stopped, each replica still holds the limit by itself and serves the calls within it.
/// </summary>
public sealed class SharedRateLimitTests
{
    private const string Key = "rate-key";
    private const string WarmKey = "warm-key";

    [Fact]
    public async Task ReplicasOnOneRedisShareTheRequestsPerSecondWhicheverGetsTheCalls()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(redis, perSecond: 3);
        // Not the bound under test: a loaded machine may take longer than 250 ms to connect, and a replica that gives up
        // on Redis counts by itself.
        settings["Cache:RedisTimeoutMilliseconds"] = "10000";
        // One clock for both replicas, standing still until the test moves it: every call below lands in one window.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = ApiHost.Start(settings, services => services.AddSingleton<TimeProvider>(clock));
        await using var second = ApiHost.Start(settings, services => services.AddSingleton<TimeProvider>(clock));
        await WarmAsync(first);
        await WarmAsync(second);

        // Three calls, alternating replicas and protocols, use the window's three.
        Assert.True((await GrpcAsync(first)).Success);
        Assert.Equal(HttpStatusCode.OK, (await HttpAsync(second)).Status);
        Assert.True((await GrpcAsync(second)).Success);

        // Every further call in the window is refused with a retry time, whichever replica and protocol it takes.
        var overHttpFirst = await HttpAsync(first);
        var overGrpcSecond = await Assert.ThrowsAsync<RpcException>(() => GrpcAsync(second));
        var overGrpcFirst = await Assert.ThrowsAsync<RpcException>(() => GrpcAsync(first));
        var overHttpSecond = await HttpAsync(second);

        foreach (var refused in new[] { overHttpFirst, overHttpSecond })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.Contains("RequestsPerSecond", refused.Body, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        }

        foreach (var refused in new[] { overGrpcSecond, overGrpcFirst })
        {
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            Assert.Contains("RequestsPerSecond", refused.Status.Detail, StringComparison.Ordinal);
            Assert.Equal("1", refused.Trailers.GetValue("retry-after"));
            Assert.InRange(long.Parse(refused.Trailers.GetValue("grpc-retry-pushback-ms")!, CultureInfo.InvariantCulture), 1, 1000);
        }

        // The next window serves them again, on either replica.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await GrpcAsync(second)).Success);
        Assert.Equal(HttpStatusCode.OK, (await HttpAsync(first)).Status);
    }

    [Fact]
    public async Task WithRedisStoppedEachReplicaHoldsTheLimitItselfAndServesTheCallsWithinIt()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(redis, perSecond: 1);
        await using var first = ApiHost.Start(settings);
        await using var second = ApiHost.Start(settings);
        await WarmAsync(first);
        await WarmAsync(second);
        using var countedLocally = new CounterRecorder(first.Services.GetRequiredService<IMeterFactory>(), "testdata_caller_rate_counted_locally", "caller");

        await redis.KillAsync();

        // Ten calls at once against one call a second: within the Redis bound, some are served and some refused.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                return (Served: (GenerateResponse?)await GrpcAsync(first), Refused: (RpcException?)null);
            }
            catch (RpcException refused)
            {
                return (Served: (GenerateResponse?)null, Refused: (RpcException?)refused);
            }
        }));
        var served = outcomes.Select(o => o.Served).OfType<GenerateResponse>().ToList();
        var refusals = outcomes.Select(o => o.Refused).OfType<RpcException>().ToList();

        Assert.NotEmpty(served);
        Assert.All(served, response =>
        {
            Assert.True(response.Success, response.Error);
            Assert.Contains(response.Metadata.Warnings, warning => warning.StartsWith("rate:", StringComparison.Ordinal));
        });
        Assert.NotEmpty(refusals);
        Assert.All(refusals, refused => Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode));
        Assert.NotNull(refusals[0].Trailers.GetValue("retry-after"));
        Assert.True(countedLocally["key:limited"] >= 10, $"counted locally: {countedLocally["key:limited"]}");
        Assert.Contains(first.Logs.Messages, message => message.Contains("counted by this replica alone", StringComparison.Ordinal));

        // The other replica counts its own: its first call is served.
        var other = await HttpAsync(second);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Contains("rate:", other.Body, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Settings(RedisServer redis, int perSecond)
    {
        var settings = AccessKeys.Settings(allowAnonymous: false, ("limited", Key, ["generate"]), ("warm", WarmKey, ["generate"]));
        settings["Auth:ApiKeys:limited:RequestsPerSecond"] = perSecond.ToString(CultureInfo.InvariantCulture);
        settings["ConnectionStrings:redis"] = redis.ConnectionString;
        return settings;
    }

    // A first call over each protocol under a key without a limit, so the calls under test are not a fresh host's slow first ones.
    private static async Task WarmAsync(ApiHost api)
    {
        Assert.True((await api.Client.GenerateDataAsync(Request(), AccessKeys.Key(WarmKey), Deadlines.Call())).Success);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generate") { Content = JsonContent.Create(new { entity = "user", count = 1 }) };
        request.Headers.Add("x-api-key", WarmKey);
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<GenerateResponse> GrpcAsync(ApiHost api) =>
        await api.Client.GenerateDataAsync(Request(), AccessKeys.Key(Key), Deadlines.Call());

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> HttpAsync(ApiHost api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generate") { Content = JsonContent.Create(new { entity = "user", count = 1, seed = 5 }) };
        request.Headers.Add("x-api-key", Key);
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(body);
            Assert.True(json.RootElement.GetProperty("success").GetBoolean(), body);
        }

        return (response.StatusCode, body, response.Headers.RetryAfter?.Delta);
    }

    private static GenerateRequest Request() => new() { Entity = "user", Count = 1, Seed = 5 };
}
