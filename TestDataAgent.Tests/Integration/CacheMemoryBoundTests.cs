using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>The in-memory cache tier is bounded by bytes (<c>Cache:MemoryLimitBytes</c>), not by entries.</summary>
public sealed class CacheMemoryBoundTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheInMemoryTierStaysWithinItsByteLimit()
    {
        const long limit = 1024 * 1024;
        const int requests = 24;
        await using var api = ApiHost.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Cache:MemoryLimitBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        // Each answer is some 100 KiB compressed: together well over the limit.
        for (var i = 0; i < requests; i++)
        {
            var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "product", Count = 2_000, Seed = i, UseCache = true }, deadline: DateTime.UtcNow.Add(s_timeout));
            Assert.True(response.Success, response.Error);
        }

        var statistics = ((MemoryCache)api.Services.GetRequiredService<IMemoryCache>()).GetCurrentStatistics();
        Assert.NotNull(statistics);
        Assert.InRange(statistics.CurrentEstimatedSize ?? -1, 1, limit);
        Assert.InRange(statistics.CurrentEntryCount, 1, requests - 1);
    }
}
