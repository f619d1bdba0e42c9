extern alias ApiAssembly;

using ApiAssembly::TestDataAgent.Api.Infrastructure.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// A pool draw from a real redis-server through a proxy that delays every chunk past <c>Cache:RedisTimeoutMilliseconds</c>
/// (its default, 250 ms): the draw gives up at its bound, and the records Redis popped after it are not lost.
/// </summary>
public sealed class RedisPoolDrawTests
{
    private const string Key = "testdata:pool:test:review:llm:draw";

    [Fact]
    public async Task ADrawThatTimesOutPutsTheRecordsRedisPoppedLateBackInTheirOrder()
    {
        await using var server = await RedisServer.StartAsync();
        await using var proxy = TcpFaultProxy.Start(server.Port);
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        await using var services = new ServiceCollection()
            .AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(proxy.Address))
            .BuildServiceProvider();
        var connection = new RedisConnection(services);
        var pool = new RedisRecordPool(connection, new RedisGuard(Options.Create(new CacheOptions()), TimeProvider.System, NullLogger<RedisGuard>.Instance));
        // Connected, and the pool filled, without the bound: only the draw below is timed by it.
        await connection.GetAsync().WaitAsync(Deadlines.Hang);
        var records = Enumerable.Range(0, 20).Select(i => (RedisValue)RecordJson.ToJson(new DataRecord { ["review_id"] = $"r{i}", ["rating"] = (i % 5) + 1 }));
        await direct.GetDatabase().ListRightPushAsync(Key, [.. records]);
        var before = await direct.GetDatabase().ListRangeAsync(Key);

        proxy.Delay(TimeSpan.FromSeconds(2));
        var drawn = await pool.TakeAsync(Key, 5, CancellationToken.None).WaitAsync(Deadlines.Hang);
        proxy.Pass();

        // Bypassed at the bound: nothing drawn. The pop still reaches Redis (the direct connection never pops) and takes
        // five records there; its answer, come late, puts them back.
        Assert.Empty(drawn);
        using var hang = new CancellationTokenSource(Deadlines.Hang);
        while (await CallsAsync(server, "lpop") == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), hang.Token);
        }

        while (await direct.GetDatabase().ListLengthAsync(Key) != 20)
        {
            Assert.False(hang.IsCancellationRequested, $"the late pop's records were lost: {await direct.GetDatabase().ListLengthAsync(Key)} of 20 left");
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        Assert.Equal(before.Select(v => (string?)v), (await direct.GetDatabase().ListRangeAsync(Key)).Select(v => (string?)v));
    }

    /// <summary>How often redis-server ran a command, from <c>INFO commandstats</c>, on a connection of its own.</summary>
    private static async Task<long> CallsAsync(RedisServer server, string command)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},allowAdmin=true");
        var stats = await connection.GetServers()[0].InfoAsync("commandstats");
        var line = stats.SelectMany(g => g).FirstOrDefault(p => p.Key == $"cmdstat_{command}").Value;
        return line is null ? 0 : long.Parse(line.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
