using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class BadInputTests(ApiFixture api)
{
    public static TheoryData<string, int, string> BadRequests => new()
    {
        { "cart", 0, "count" },
        { "cart", -5, "count" },
        { "cart", 10_001, "exceeds max sync limit" },
        { "spaceship", 5, "spaceship" },
        { "", 5, "entity" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task AUnaryRequestThatCannotBeServedAnswersInBand(string entity, int count, string expected)
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = "bad", Entity = entity, Count = count }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
        Assert.Equal("bad", response.RequestId);
        Assert.Equal("", response.Data);
        await AssertStillServing();
    }

    [Theory]
    [InlineData("cart", 0)]
    [InlineData("spaceship", 5)]
    [InlineData("cart", 10_000_001)]
    public async Task AStreamRefusesABadRequestBeforeItsFirstChunk(string entity, int count)
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { Entity = entity, Count = count }, deadline: Deadlines.Call());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        await AssertStillServing();
    }

    [Fact]
    public async Task AMalformedInlineSchemaIsExplained()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { InlineSchema = "{not json", Count = 1 }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("inline_schema", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GarbageBytesOnTheGrpcPortDoNotHurtTheService()
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        byte[] frame = [0, 0, 0, 0, 12, 0xFF, 0xFE, 0x00, 0x13, 0x37, 0x42, 0x99, 0x01, 0x02, 0x03, 0x04, 0x05];
        using var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await client.PostAsync(new Uri(api.GrpcAddress, "/testdata.v1.TestDataService/GenerateData"), content);

        Assert.NotEqual("0", response.TrailingHeaders.TryGetValues("grpc-status", out var status) ? status.First() : response.Headers.TryGetValues("grpc-status", out var headerStatus) ? headerStatus.First() : "missing");
        await AssertStillServing();
    }

    [Fact]
    public async Task AMalformedJsonBodyGetsA400AndTheServiceKeepsServing()
    {
        using var content = new StringContent("{\"entity\": \"cart\", \"count\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await api.Http.PostAsync("/v1/generate", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertStillServing();
    }

    [Fact]
    public async Task AnEnormousOverrideMapIsRefusedNotFatal()
    {
        var request = new GenerateRequest { Entity = "user" };
        var scenario = new Scenario { Name = "many", Count = 1 };
        for (var i = 0; i < 10_000; i++)
        {
            scenario.Overrides[$"field_{i}"] = new string('x', 50);
        }

        request.Scenarios.Add(scenario);

        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("Generation:MaxAddedFields", response.Error, StringComparison.Ordinal);
        await AssertStillServing();
    }

    private async Task AssertStillServing()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 1 }, deadline: Deadlines.Call());
        Assert.True(response.Success, response.Error);
    }
}
