using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// The server writes <c>data</c> from the formatter's UTF-8 bytes (no UTF-16 string in between). A stock client must
/// receive exactly what Google.Protobuf's serialiser would have sent: every message on the wire equals the stock
/// encoding of the message it parses to (canonical for a message without unknown fields). JSON over HTTP is unchanged.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class WireBytesTests(ApiFixture api)
{
    [Theory]
    [InlineData("user", OutputFormat.Json)]
    [InlineData("order", OutputFormat.Csv)]
    [InlineData("review", OutputFormat.Sql)]
    public async Task AUnaryResponseOnTheWireIsTheStockEncoding(string entity, OutputFormat format)
    {
        var request = new GenerateRequest { RequestId = "wire-ü", Entity = entity, Count = 40, Seed = 5, ReferenceTime = "2026-06-01T12:00:00Z", OutputFormat = format };

        var payload = Assert.Single(await RawGrpc.PayloadsAsync(api.GrpcAddress, "/testdata.v1.TestDataService/GenerateData", request));

        var parsed = GenerateResponse.Parser.ParseFrom(payload);
        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(40, parsed.RecordCount);
        Assert.Equal(parsed.ToByteArray(), payload);
    }

    [Fact]
    public async Task EveryStreamChunkOnTheWireIsTheStockEncoding()
    {
        var request = new GenerateRequest { RequestId = "wire-s", Entity = "user", Count = 3_000, Seed = 5, ReferenceTime = "2026-06-01T12:00:00Z", OutputFormat = OutputFormat.Ndjson };

        var payloads = await RawGrpc.PayloadsAsync(api.GrpcAddress, "/testdata.v1.TestDataService/GenerateDataStream", request);

        Assert.True(payloads.Count > 3, $"{payloads.Count} chunks");
        var chunks = payloads.Select(p => DataChunk.Parser.ParseFrom(p)).ToList();
        Assert.All(payloads.Zip(chunks), pair => Assert.Equal(pair.Second.ToByteArray(), pair.First));
        Assert.True(chunks[^1].IsFinal);
        Assert.Equal(3_000, string.Concat(chunks.Select(c => c.Data)).Count(c => c == '\n'));
    }

    // An answer's bytes are written from the formatter's pooled array, which goes back to the pool once the response is
    // sent, and the next answer on that thread is written into it: answers made at the same time must each still carry
    // their own records, byte for byte as when made alone (given back before its bytes are read, a call fails).
    [Fact]
    public async Task AnswersMadeAtTheSameTimeEachCarryTheirOwnRecords()
    {
        var requests = Enumerable.Range(0, 48).Select(i => new GenerateRequest
        {
            RequestId = $"pool-{i}",
            Entity = i % 3 == 0 ? "order" : "user",
            Count = 5 + (i % 7),
            Seed = 1_000 + i,
            ReferenceTime = "2026-06-01T12:00:00Z",
            OutputFormat = i % 4 == 0 ? OutputFormat.Ndjson : OutputFormat.Json,
        }).ToList();
        var expected = new List<string>();
        foreach (var request in requests)
        {
            var alone = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());
            Assert.True(alone.Success, alone.Error);
            expected.Add(alone.Data);
        }

        for (var round = 0; round < 3; round++)
        {
            var together = await Task.WhenAll(requests.Select(async request => (await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call())).Data));

            Assert.Equal(expected, together);
        }
    }

    [Fact]
    public async Task JsonOverHttpCarriesTheSameDataAsGrpc()
    {
        var grpc = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "user", Count = 12, Seed = 8, ReferenceTime = "2026-06-01T12:00:00Z" }, deadline: Deadlines.Call());

        using var response = await api.Http.PostAsJsonAsync("/v1/generate", new { entity = "user", count = 12, seed = 8, referenceTime = "2026-06-01T12:00:00Z" });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(grpc.Success, grpc.Error);
        Assert.Equal(grpc.Data, json.RootElement.GetProperty("data").GetString());
        Assert.Equal(12, json.RootElement.GetProperty("recordCount").GetInt32());
    }
}
