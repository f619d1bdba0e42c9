using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Access;

/// <summary>Per-caller limits from outside: requests per second and records per day, refused with RESOURCE_EXHAUSTED / 429 and a retry time.</summary>
public sealed class CallerLimitTests
{
    private const string Key = "quota-key";

    [Fact]
    public async Task CallerOverItsRequestsPerSecondIsRefusedWithARetryTimeAndServedAgainAfterIt()
    {
        var settings = AccessKeys.Settings(allowAnonymous: false, ("burst", Key, ["generate"]));
        settings["Auth:ApiKeys:burst:RequestsPerSecond"] = "1";
        await using var api = ApiHost.Start(settings);

        // Ten calls at once against a bucket of one token a second: at least one must be refused, whatever the machine's speed.
        var calls = Enumerable.Range(0, 10).Select(_ => api.Client.GenerateDataAsync(Generate(1), AccessKeys.Key(Key), Deadlines.Call()).ResponseAsync).ToList();
        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call;
                return (RpcException?)null;
            }
            catch (RpcException refused)
            {
                return refused;
            }
        }));
        var refusals = outcomes.OfType<RpcException>().ToList();

        Assert.NotEmpty(refusals);
        Assert.All(refusals, refused => Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode));
        Assert.Contains("RequestsPerSecond", refusals[0].Status.Detail, StringComparison.Ordinal);
        var retryAfter = int.Parse(refusals[0].Trailers.GetValue("retry-after") ?? "0", CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 2);

        await Task.Delay(TimeSpan.FromSeconds(retryAfter + 1));
        var again = await api.Client.GenerateDataAsync(Generate(1), AccessKeys.Key(Key), Deadlines.Call());
        Assert.True(again.Success, again.Error);
    }

    [Fact]
    public async Task CallerOverItsRecordsPerDayIsRefusedUntilTheDayEnds()
    {
        var settings = AccessKeys.Settings(allowAnonymous: false, ("daily", Key, ["generate"]));
        settings["Auth:ApiKeys:daily:RecordsPerDay"] = "100";
        await using var api = ApiHost.Start(settings);

        var first = await api.Client.GenerateDataAsync(Generate(60), AccessKeys.Key(Key), Deadlines.Call());
        var refused = await Assert.ThrowsAsync<RpcException>(() => api.Client.GenerateDataAsync(Generate(60), AccessKeys.Key(Key), Deadlines.Call()).ResponseAsync);
        var rest = await api.Client.GenerateDataAsync(Generate(40), AccessKeys.Key(Key), Deadlines.Call());

        Assert.True(first.Success, first.Error);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("RecordsPerDay", refused.Status.Detail, StringComparison.Ordinal);
        var retryAfter = TimeSpan.FromSeconds(int.Parse(refused.Trailers.GetValue("retry-after")!, CultureInfo.InvariantCulture));
        var untilMidnight = DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow;
        Assert.InRange(retryAfter, untilMidnight - TimeSpan.FromMinutes(5), untilMidnight + TimeSpan.FromMinutes(5));
        Assert.True(rest.Success, rest.Error);
    }

    [Fact]
    public async Task InvalidRequestsDoNotUseTheQuota()
    {
        var settings = AccessKeys.Settings(allowAnonymous: false, ("daily", Key, ["generate"]));
        settings["Auth:ApiKeys:daily:RecordsPerDay"] = "100";
        await using var api = ApiHost.Start(settings);

        var invalid = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "no_such_entity", Count = 100 }, AccessKeys.Key(Key), Deadlines.Call());
        var valid = await api.Client.GenerateDataAsync(Generate(100), AccessKeys.Key(Key), Deadlines.Call());

        Assert.False(invalid.Success);
        Assert.True(valid.Success, valid.Error);
    }

    [Fact]
    public async Task JsonCallerOverItsQuotaGets429WithRetryAfter()
    {
        var settings = AccessKeys.Settings(allowAnonymous: false, ("daily", Key, ["generate"]));
        settings["Auth:ApiKeys:daily:RecordsPerDay"] = "10";
        await using var api = ApiHost.Start(settings);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generate") { Content = JsonContent.Create(new { entity = "user", count = 11 }) };
        request.Headers.Add("x-api-key", Key);
        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task ReplicasOnOneRedisShareTheDailyQuota()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = AccessKeys.Settings(allowAnonymous: false, ("shared", Key, ["generate"]));
        settings["Auth:ApiKeys:shared:RecordsPerDay"] = "100";
        settings["ConnectionStrings:redis"] = redis.ConnectionString;
        // Not the bound under test here: a loaded machine may take longer than the default 250 ms to connect, and a
        // replica that gives up on Redis counts in its own memory.
        settings["Cache:RedisTimeoutMilliseconds"] = "10000";
        await using var first = ApiHost.Start(settings);
        await using var second = ApiHost.Start(settings);

        var onFirst = await first.Client.GenerateDataAsync(Generate(60), AccessKeys.Key(Key), Deadlines.Call());
        var refused = await Assert.ThrowsAsync<RpcException>(() => second.Client.GenerateDataAsync(Generate(60), AccessKeys.Key(Key), Deadlines.Call()).ResponseAsync);

        Assert.True(onFirst.Success, onFirst.Error);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    private static GenerateRequest Generate(int count) => new() { Entity = "user", Count = count, Seed = 5 };
}
