using System.Text.Json.Nodes;
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
        var rpc = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = answer.RecordsReturned, Seed = 11, OutputFormat = OutputFormat.Json }, deadline: Deadlines.Call());

        Assert.True(rpc.Success, rpc.Error);
        Assert.Equal(rpc.Data, answer.Data);
    }

    [Fact]
    public async Task ACsvAnswerIsCutAfterAWholeRowAndKeepsItsHeader()
    {
        await using var session = await McpSession.OverHttpAsync(api.Http.BaseAddress!);

        var answer = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "review", ["count"] = 100_000, ["seed"] = 4, ["format"] = "csv" });
        var rpc = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "review", Count = answer.RecordsReturned, Seed = 4, OutputFormat = OutputFormat.Csv }, deadline: Deadlines.Call());

        Assert.True(answer.Truncated);
        Assert.EndsWith("\r\n", answer.Data, StringComparison.Ordinal);
        Assert.Equal(rpc.Data, answer.Data);
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
