using System.Text;
using System.Text.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// A run split into partitions (issue 16): each partition streams its slice of the whole run, and the slices together
/// are the whole run, byte for byte, over real gRPC.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class PartitionTests(ApiFixture api)
{
    public static TheoryData<string, OutputFormat, int, int, bool> Runs => new()
    {
        { "user", OutputFormat.Ndjson, 1_000, 3, false },
        { "order", OutputFormat.Ndjson, 7, 3, true },
        { "cart", OutputFormat.Csv, 1_200, 4, true },
        { "product", OutputFormat.Sql, 999, 2, false },
        { "review", OutputFormat.Csv, 5, 5, false },
        { "payment", OutputFormat.Ndjson, 2_500, 7, true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task ThePartitionsTogetherAreTheWholeRunByteForByte(string entity, OutputFormat format, int count, int partitions, bool scenarios)
    {
        var whole = await StreamAsync(Request(entity, format, count, scenarios, partition: null));

        var parts = new StringBuilder();
        for (var i = 0; i < partitions; i++)
        {
            parts.Append(await StreamAsync(Request(entity, format, count, scenarios, new Partition { Index = i, Count = partitions })));
        }

        Assert.False(string.IsNullOrEmpty(whole));
        Assert.Equal(whole, parts.ToString());
    }

    [Fact]
    public async Task JsonPartitionsHoldTheWholeRunsRecordsWithGlobalIndexesAndUniqueIds()
    {
        var whole = Records(await StreamChunksAsync(Request("order", OutputFormat.Json, 900, scenarios: true, partition: null)));

        var parts = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            parts.AddRange(Records(await StreamChunksAsync(Request("order", OutputFormat.Json, 900, scenarios: true, new Partition { Index = i, Count = 4 }))));
        }

        Assert.Equal(900, parts.Count);
        Assert.Equal(whole.Select(r => r.GetRawText()), parts.Select(r => r.GetRawText()));
        Assert.Equal(Enumerable.Range(0, 900).Select(i => (long)i), parts.Select(r => r.GetProperty("_index").GetInt64()));
        Assert.Equal(900, parts.Select(r => r.GetProperty("order_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task OnlyTheFirstPartitionCarriesTheCsvHeaderAndTheSqlTable()
    {
        var csv = await StreamAsync(Request("user", OutputFormat.Csv, 10, scenarios: false, new Partition { Index = 1, Count = 2 }));
        var sql = await StreamAsync(Request("user", OutputFormat.Sql, 10, scenarios: false, new Partition { Index = 1, Count = 2 }));
        var firstCsv = await StreamAsync(Request("user", OutputFormat.Csv, 10, scenarios: false, new Partition { Index = 0, Count = 2 }));

        Assert.DoesNotContain("user_id", csv.Split("\r\n")[0], StringComparison.Ordinal);
        Assert.Equal(5, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("CREATE TABLE", sql, StringComparison.Ordinal);
        Assert.StartsWith("user_id,", firstCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUnaryPartitionGivesItsSliceOfTheRun()
    {
        var whole = await api.Client.GenerateDataAsync(Request("cart", OutputFormat.Ndjson, 30, scenarios: true, partition: null), deadline: Deadlines.Call());
        var second = await api.Client.GenerateDataAsync(Request("cart", OutputFormat.Ndjson, 30, scenarios: true, new Partition { Index = 1, Count = 3 }), deadline: Deadlines.Call());

        Assert.True(second.Success, second.Error);
        Assert.Equal(10, second.RecordCount);
        Assert.Equal(whole.Data.Split('\n')[10..20], second.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(0, 0, "partition.count")]
    [InlineData(-1, 3, "partition.index")]
    [InlineData(3, 3, "partition.index")]
    public async Task ABadPartitionIsRefusedBeforeTheFirstChunk(int index, int count, string field)
    {
        using var call = api.Client.GenerateDataStream(Request("user", OutputFormat.Ndjson, 10, scenarios: false, new Partition { Index = index, Count = count }), deadline: Deadlines.Call());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.Status.Detail, StringComparison.Ordinal);
    }

    private static GenerateRequest Request(string entity, OutputFormat format, int count, bool scenarios, Partition? partition)
    {
        var request = new GenerateRequest { Entity = entity, Count = count, Seed = 4242, OutputFormat = format, Partition = partition };
        if (scenarios)
        {
            // Scenario boundaries that fall inside partitions, with overrides and a range.
            var third = count / 3;
            request.Scenarios.Add(new Scenario { Name = "first", Count = third });
            var ranged = new Scenario { Name = "ranged", Count = third };
            ranged.Overrides["created_at"] = "2025-03-*";
            request.Scenarios.Add(ranged);
            request.Scenarios.Add(new Scenario { Name = "rest", Count = count - (2 * third) });
        }

        return request;
    }

    private async Task<string> StreamAsync(GenerateRequest request) => string.Concat(await StreamChunksAsync(request));

    private async Task<List<string>> StreamChunksAsync(GenerateRequest request)
    {
        using var call = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());
        var chunks = new List<string>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.DoesNotContain("\"error\"", chunk.IsFinal ? chunk.Data : "", StringComparison.Ordinal);
            if (!chunk.IsFinal)
            {
                chunks.Add(chunk.Data);
            }
        }

        return chunks;
    }

    private static List<JsonElement> Records(List<string> chunks) =>
        chunks.SelectMany(c => JsonDocument.Parse(c).RootElement.EnumerateArray()).ToList();

}
