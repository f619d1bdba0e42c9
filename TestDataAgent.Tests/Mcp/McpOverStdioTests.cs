using System.Text;
using TestDataAgent.Mcp;
using TestDataAgent.Tests.Cli;

namespace TestDataAgent.Tests.Mcp;

/// <summary><c>testdata mcp</c>: the built CLI started as an agent starts it, the official MCP C# client on its stdin and stdout.</summary>
public sealed class McpOverStdioTests
{
    [Fact]
    public async Task TheCliServesTheFourToolsOverStdio()
    {
        await using var session = await McpSession.OverStdioAsync();

        await McpToolChecks.ToolsAreListedWithDescribedParametersAsync(session);
        await McpToolChecks.ValidateDataFindsAPlantedViolationAsync(session);
        await McpToolChecks.GenerateDatasetReturnsItsTablesAsync(session);
    }

    [Fact]
    public async Task GenerateDataOverStdioGivesTheBytesOfTestdataGenerateForASeed()
    {
        await using var session = await McpSession.OverStdioAsync();

        var answer = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "user", ["count"] = 200, ["seed"] = 42, ["format"] = "ndjson" });
        var run = await CliRun.RunAsync("generate", "user", "-n", "200", "-f", "ndjson", "--seed", "42");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(200, answer.RecordsReturned);
        Assert.Equal(run.Stdout, Encoding.UTF8.GetBytes(answer.Data));
    }

    [Fact]
    public async Task ALargeRequestOverStdioIsCutToItsMaxInlineBytesWithItsCount()
    {
        await using var session = await McpSession.OverStdioAsync("--max-inline-bytes", "4096");

        await McpToolChecks.LargeRequestIsCutWithItsCountAsync(session, count: 1_000, maxInlineBytes: 4096);
    }
}
