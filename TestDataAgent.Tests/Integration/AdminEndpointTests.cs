using System.Net;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>The operator endpoints behind the dashboard's commands.</summary>
public sealed class AdminEndpointTests
{
    [Fact]
    public async Task ClearCacheNeedsTheTokenAndThenForgetsCachedResponses()
    {
        await using var api = ApiHost.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Admin:Enabled"] = "true",
            ["Admin:Token"] = "run-token",
        });
        var request = new GenerateRequest { Entity = "order", Count = 5, Seed = 3, UseCache = true };
        await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
        Assert.True((await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call())).Metadata.CacheHit);

        using var anonymous = await api.Http.PostAsync("/admin/cache/clear", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True((await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call())).Metadata.CacheHit);

        using var clear = new HttpRequestMessage(HttpMethod.Post, "/admin/cache/clear") { Headers = { { "X-Admin-Token", "run-token" } } };
        using var cleared = await api.Http.SendAsync(clear);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.False((await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call())).Metadata.CacheHit);
    }

    [Fact]
    public async Task SeedPatternsLoadsTheSeedCorpusOnce()
    {
        await using var api = ApiHost.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Admin:Enabled"] = "true",
            ["Admin:Token"] = "run-token",
            ["Rag:SeedOnStartup"] = "false",
        });

        using var first = new HttpRequestMessage(HttpMethod.Post, "/admin/patterns/seed") { Headers = { { "X-Admin-Token", "run-token" } } };
        using var seeded = await api.Http.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        var count = System.Text.Json.JsonDocument.Parse(await seeded.Content.ReadAsStringAsync()).RootElement.GetProperty("seeded").GetInt32();
        Assert.True(count > 0);

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "product", Count = 3, Seed = 1, GenerationMethod = GenerationMethod.Rag, LearnFromHistory = true },
            deadline: Deadlines.Call());
        Assert.Equal("rag", response.Metadata.GenerationPath);
    }

    [Fact]
    public async Task WithoutAdminEnabledThereAreNoAdminEndpoints()
    {
        await using var api = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "", ["Admin:Token"] = "run-token" });

        using var clear = new HttpRequestMessage(HttpMethod.Post, "/admin/cache/clear") { Headers = { { "X-Admin-Token", "run-token" } } };
        using var response = await api.Http.SendAsync(clear);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
