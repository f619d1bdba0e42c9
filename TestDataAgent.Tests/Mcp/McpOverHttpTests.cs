using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Mcp;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Mcp;

/// <summary>The api's <c>/mcp</c> on its HTTP port, through the official MCP C# client on real sockets.</summary>
[Collection(ApiGroup.Name)]
public sealed class McpOverHttpTests(ApiFixture api)
{
    [Fact]
    public async Task TheFourToolsAreListedWithTheirParametersDescribed()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);
        await McpToolChecks.ToolsAreListedWithDescribedParametersAsync(session);
    }

    [Fact]
    public async Task GenerateDataWithASeedGivesTheRecordsOfTheGenerateDataRpc()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);

        var answer = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "order", ["count"] = 40, ["seed"] = 7, ["format"] = "json" });
        var rpc = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "order", Count = 40, Seed = 7, OutputFormat = OutputFormat.Json }, deadline: Deadlines.Call());

        Assert.True(rpc.Success, rpc.Error);
        Assert.False(answer.Truncated);
        Assert.Null(answer.Rest);
        Assert.Equal(40, answer.RecordsReturned);
        Assert.Equal(rpc.Data, answer.Data);
    }

    [Fact]
    public async Task ConstraintsAndScenariosReachTheGenerator()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);

        var answer = await session.CallAsync<GeneratedRecords>("generate_data", new()
        {
            ["entity"] = "product",
            ["seed"] = 9,
            ["format"] = "ndjson",
            ["constraints"] = new Dictionary<string, object> { ["price"] = new Dictionary<string, object> { ["min"] = 10, ["max"] = 20 } },
            ["scenarios"] = new[] { new Dictionary<string, object> { ["name"] = "cheap", ["count"] = 3, ["overrides"] = new Dictionary<string, string>(), ["description"] = "" } },
        });

        var lines = answer.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, answer.RecordsRequested);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.InRange((double)JsonNode.Parse(line)!["price"]!, 10, 20));
    }

    [Fact]
    public async Task ValidateDataFindsAPlantedViolation()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);
        await McpToolChecks.ValidateDataFindsAPlantedViolationAsync(session);
    }

    [Fact]
    public async Task ALargeRequestIsCutToMaxInlineBytesWithItsCountAndItsRecordsAreTheRpcsFirst()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);

        var answer = await McpToolChecks.LargeRequestIsCutWithItsCountAsync(session, count: 100_000, new McpOptions().MaxInlineBytes);
        var streamed = await FirstJsonRecordsAsync(new GenerateRequest { Entity = "user", Count = 100_000, Seed = 11, OutputFormat = OutputFormat.Json }, answer.RecordsReturned);

        Assert.Equal(streamed, answer.Data);
    }

    [Fact]
    public async Task ACsvAnswerIsCutAfterAWholeRowAndKeepsItsHeader()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);

        var answer = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "review", ["count"] = 100_000, ["seed"] = 4, ["format"] = "csv" });
        var streamed = await StreamedTextAsync(new GenerateRequest { Entity = "review", Count = 100_000, Seed = 4, OutputFormat = OutputFormat.Csv }, answer.Data.Length + 1);

        Assert.True(answer.Truncated);
        Assert.InRange(answer.RecordsReturned, 1, 99_999);
        Assert.EndsWith("\r\n", answer.Data, StringComparison.Ordinal);
        using (var csv = new CsvReader(new StringReader(answer.Data), CultureInfo.InvariantCulture))
        {
            Assert.Equal(answer.RecordsReturned, csv.GetRecords<dynamic>().Count());
        }

        // The stream's own bytes up to a row's end: its header and its first rows, as the stream wrote them.
        Assert.StartsWith(answer.Data, streamed, StringComparison.Ordinal);
    }

    // The first records of the same request from GenerateDataStream (the records depend on the count asked for, so a
    // smaller GenerateData is not the same), joined into one array as the tool joins them.
    private async Task<string> FirstJsonRecordsAsync(GenerateRequest request, int records)
    {
        using var call = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());
        var kept = new List<string>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            using var document = JsonDocument.Parse(chunk.IsFinal ? "[]" : chunk.Data);
            foreach (var record in document.RootElement.EnumerateArray())
            {
                kept.Add(record.GetRawText());
                if (kept.Count == records)
                {
                    return $"[{string.Join(',', kept)}]";
                }
            }
        }

        return $"[{string.Join(',', kept)}]";
    }

    private async Task<string> StreamedTextAsync(GenerateRequest request, int atLeastChars)
    {
        using var call = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());
        var text = new StringBuilder();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            text.Append(chunk.Data);
            if (text.Length >= atLeastChars)
            {
                break;
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task GenerateDatasetReturnsItsTables()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);
        await McpToolChecks.GenerateDatasetReturnsItsTablesAsync(session);
    }

    [Fact]
    public async Task ABadArgumentIsRefusedNamingTheField()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);

        var unknown = await session.RefusedAsync("generate_data", new() { ["entity"] = "no_such_entity" });
        var format = await session.RefusedAsync("generate_data", new() { ["entity"] = "user", ["format"] = "xlsx" });

        Assert.Contains("no_such_entity", unknown, StringComparison.Ordinal);
        Assert.Contains("format", format, StringComparison.Ordinal);
    }
}
