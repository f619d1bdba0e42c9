using System.Text.Json;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.WireContract;

/// <summary>A client compiled from the original's frozen proto, not ours, calls the running server over a socket.</summary>
[Collection(ApiGroup.Name)]
public sealed class OriginalClientTests(ApiFixture api)
{
    private readonly Original.TestDataService.TestDataServiceClient _client = new(api.Channel);

    [Fact]
    public async Task AnOriginalClientGeneratesWithScenariosAndOverrides()
    {
        var request = new Original.GenerateRequest { RequestId = "orig-1", Domain = "ecommerce", Entity = "cart", Count = 6 };
        request.Scenarios.Add(new Original.Scenario { Name = "happy_path", Count = 4 });
        request.Scenarios.Add(new Original.Scenario { Name = "guest", Count = 2, Overrides = { ["currency"] = "CAD" } });

        var response = await _client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal("orig-1", response.RequestId);
        Assert.Equal(6, response.RecordCount);
        Assert.Equal(4, response.Metadata.ScenarioCounts["happy_path"]);
        Assert.Equal(2, response.Metadata.ScenarioCounts["guest"]);
        Assert.Equal("traditional", response.Metadata.GenerationPath);
        using var data = JsonDocument.Parse(response.Data);
        Assert.Equal(6, data.RootElement.GetArrayLength());
        Assert.All(data.RootElement.EnumerateArray().Skip(4), r => Assert.Equal("CAD", r.GetProperty("currency").GetString()));
    }

    [Fact]
    public async Task AnOriginalClientReadsTheStreamToItsFinalChunk()
    {
        using var call = _client.GenerateDataStream(new Original.GenerateRequest { RequestId = "orig-s", Entity = "payment", Count = 30 }, deadline: Deadlines.Call());

        var chunks = new List<Original.DataChunk>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            chunks.Add(call.ResponseStream.Current);
        }

        Assert.True(chunks[^1].IsFinal);
        Assert.All(chunks, c => Assert.Equal("orig-s", c.RequestId));
        Assert.Equal(30, chunks.Where(c => !c.IsFinal).Sum(c => JsonDocument.Parse(c.Data).RootElement.GetArrayLength()));
    }

    [Fact]
    public async Task AnOriginalClientListsSchemasWithFieldMessagesAndChecksHealth()
    {
        var schemas = await _client.GetSchemasAsync(new Original.GetSchemasRequest { Domain = "ecommerce" }, deadline: Deadlines.Call());
        var health = await _client.HealthCheckAsync(new Original.HealthCheckRequest(), deadline: Deadlines.Call());

        var cart = schemas.Schemas.Single(s => s.Name == "cart");
        Assert.Contains(cart.Fields, f => f.Name == "cart_id" && f.Required);
        Assert.False(string.IsNullOrEmpty(health.Status));
        Assert.NotEmpty(health.Components);
    }
}
