using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class HttpEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task HealthHasTheOriginalsBody()
    {
        using var body = JsonDocument.Parse(await api.Http.GetStringAsync("/health"));

        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("test-data-agent", body.RootElement.GetProperty("service").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("version").GetString()));
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("environment").GetString()));
    }

    [Fact]
    public async Task LivenessAndReadinessAnswer()
    {
        using var live = await api.Http.GetAsync("/health/live");
        using var ready = await api.Http.GetAsync("/health/ready");
        using var alive = await api.Http.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ready", readyBody.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GenerateWorksAsJsonOverHttp()
    {
        using var response = await api.Http.PostAsJsonAsync("/v1/generate", new { entity = "product", count = 3, seed = 9, outputFormat = "NDJSON" });

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(3, body.RootElement.GetProperty("recordCount").GetInt32());
        Assert.Equal("9", body.RootElement.GetProperty("metadata").GetProperty("seed").GetRawText().Trim('"'));
        Assert.Equal(3, body.RootElement.GetProperty("data").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task SchemasAndHealthWorkAsJsonOverHttp()
    {
        using var schemas = JsonDocument.Parse(await api.Http.GetStringAsync("/v1/schemas?domain=ecommerce"));
        using var health = JsonDocument.Parse(await api.Http.GetStringAsync("/v1/health"));

        Assert.Equal(36, schemas.RootElement.GetProperty("schemas").GetArrayLength());
        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
    }
}
