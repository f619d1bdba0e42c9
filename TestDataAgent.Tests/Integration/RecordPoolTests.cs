using System.Text.Json.Nodes;
using StackExchange.Redis;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;

namespace TestDataAgent.Tests.Integration;

/// <summary>Record pools in a real Redis: model records written once serve later requests with the same intent.</summary>
public sealed class RecordPoolTests
{
    [Fact]
    public async Task PooledModelRecordsSpareModelCallsAndSurviveARestart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var model = await LlmStandIn.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["ConnectionStrings:claude"] = $"Endpoint={model.BaseUrl};Key=test;Model=stand-in-model",
            ["Pool:LowWater"] = "20",
            ["Pool:RefillRecords"] = "40",
            // This test is about pools, not Redis timeouts: a loaded machine's first call (which connects) may pass 250 ms.
            ["Cache:RedisTimeoutMilliseconds"] = "5000",
        };
        var first = new GenerateRequest { Entity = "review", Count = 10, Seed = 1, UseCache = true, GenerationMethod = GenerationMethod.Llm, Context = "reviews of coffee gear" };

        GenerateResponse drawnFromModel;
        await using (var api = ApiHost.Start(settings))
        {
            drawnFromModel = await api.Client.GenerateDataAsync(first, deadline: Deadlines.Call());
            Assert.True(drawnFromModel.Success, drawnFromModel.Error);
            // The first request found the pool empty and started a refill of 40 records in the background.
            await WaitForPoolAsync(redis.ConnectionString, 40);
        }

        await using var restarted = ApiHost.Start(settings);
        var callsBefore = model.Calls.Count;
        var second = new GenerateRequest { Entity = "review", Count = 10, Seed = 2, UseCache = true, GenerationMethod = GenerationMethod.Llm, Context = "reviews of coffee gear" };
        second.Scenarios.Add(new Scenario { Name = "fans", Count = 10, Overrides = { ["rating"] = "5" } });
        var pooled = await restarted.Client.GenerateDataAsync(second, deadline: Deadlines.Call());

        Assert.True(pooled.Success, pooled.Error);
        Assert.Equal(callsBefore, model.Calls.Count);
        Assert.Contains(pooled.Metadata.Warnings, w => w.Contains("10 of 10 records came from the record pool", StringComparison.Ordinal));
        var records = JsonNode.Parse(pooled.Data)!.AsArray().Select(n => n!.AsObject()).ToList();
        var earlierIds = JsonNode.Parse(drawnFromModel.Data)!.AsArray().Select(n => n!["review_id"]!.GetValue<string>()).ToHashSet();
        Assert.All(records, r =>
        {
            Assert.StartsWith("Stand-in review", r["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(5, r["rating"]!.GetValue<int>());
            Assert.DoesNotContain(r["review_id"]!.GetValue<string>(), earlierIds);
        });
        var report = await restarted.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "review", Data = pooled.Data }, deadline: Deadlines.Call());
        Assert.True(report.Valid);
        Assert.Equal(30, await PoolSizeAsync(redis.ConnectionString));
    }

    [Fact]
    public async Task WithRedisKilledPooledRequestsAreStillServedByTheModel()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var model = await LlmStandIn.StartAsync();
        await using var api = ApiHost.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["ConnectionStrings:ollama"] = $"Endpoint={model.BaseUrl};Model=stand-in-model",
        });
        var warm = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 5, Seed = 1, UseCache = true, GenerationMethod = GenerationMethod.Llm },
            deadline: Deadlines.Call());
        Assert.True(warm.Success, warm.Error);

        await redis.KillAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 5, Seed = 100 + i, UseCache = true, GenerationMethod = GenerationMethod.Llm },
            deadline: Deadlines.Call()).ResponseAsync));

        Assert.All(responses, r =>
        {
            Assert.True(r.Success, r.Error);
            Assert.Equal(5, r.RecordCount);
            Assert.Equal("llm", r.Metadata.GenerationPath);
        });
    }

    private static async Task WaitForPoolAsync(string connectionString, long size)
    {
        var deadline = Deadlines.Call();
        while (await PoolSizeAsync(connectionString) < size)
        {
            Assert.True(DateTime.UtcNow < deadline, "the pool was not refilled in time");
            await Task.Delay(100);
        }
    }

    private static async Task<long> PoolSizeAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var server = connection.GetServers()[0];
        var total = 0L;
        await foreach (var key in server.KeysAsync(pattern: "testdata:pool:*"))
        {
            total += await connection.GetDatabase().ListLengthAsync(key);
        }

        return total;
    }
}
