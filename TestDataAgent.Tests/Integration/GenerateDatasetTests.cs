using System.Text.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary><c>GenerateDataset</c> over real sockets: gRPC (h2c) and its JSON route, <c>POST /v1/datasets</c>.</summary>
[Collection(ApiGroup.Name)]
public sealed class GenerateDatasetTests(ApiFixture api)
{
    [Fact]
    public async Task ThePresetStreamsOverGrpcWithTheSummaryOnTheFinalChunk()
    {
        var request = new GenerateDatasetRequest { RequestId = "ds-1", Preset = "ecommerce_core", Seed = 9, OutputFormat = OutputFormat.Ndjson };
        request.Tables.Add(new DatasetTable { Name = "customers", Count = 6 });
        var chunks = new List<DatasetChunk>();

        using var call = api.Client.GenerateDataset(request, deadline: Deadlines.Call());
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            chunks.Add(chunk);
        }

        Assert.All(chunks, c => Assert.Equal("ds-1", c.RequestId));
        Assert.Equal("customers", chunks[0].Table);
        Assert.True(chunks[^1].IsFinal);
        var summary = chunks[^1].Summary;
        Assert.Equal(6, summary.RowCounts["customers"]);
        Assert.Equal(0, summary.OrphanCount);
        Assert.Equal(1f, summary.CoherenceScore);
        Assert.Equal(9, summary.Seed);
        Assert.Equal(summary.RowCounts.Values.Sum(), chunks.Sum(c => c.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
    }

    [Fact]
    public async Task ABadGraphIsInvalidArgumentBeforeAnyChunk()
    {
        var request = new GenerateDatasetRequest { Seed = 1 };
        request.Tables.Add(new DatasetTable { Name = "orders", Entity = "order", Parent = "nowhere", MaxPerParent = 2 });

        using var call = api.Client.GenerateDataset(request, deadline: Deadlines.Call());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("nowhere", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJsonRouteStreamsTheSameChunks()
    {
        using var response = await api.Http.PostAsync(new Uri("/v1/datasets", UriKind.Relative), new StringContent(
            """{ "preset": "ecommerce_core", "seed": 9, "outputFormat": "CSV", "tables": [ { "name": "customers", "count": 3 } ] }""",
            System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        // Server streaming over JSON: one JSON object per message.
        var chunks = new List<JsonElement>();
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        for (var offset = 0; bytes.AsSpan(offset).Trim(" \r\n"u8).Length > 0;)
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(offset), new JsonReaderOptions { AllowMultipleValues = true });
            using var chunk = JsonDocument.ParseValue(ref reader);
            chunks.Add(chunk.RootElement.Clone());
            offset += (int)reader.BytesConsumed;
        }

        Assert.Equal("customers", chunks[0].GetProperty("table").GetString());
        Assert.StartsWith("customer_id,", chunks[0].GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.True(chunks[^1].TryGetProperty("isFinal", out var final) && final.GetBoolean(), body);
        Assert.Equal(3, chunks[^1].GetProperty("summary").GetProperty("rowCounts").GetProperty("customers").GetInt64());
    }
}
