using System.Net;
using System.Text;
using TestDataAgent.Mcp;
using TestDataAgent.Tests.Access;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Mcp;

/// <summary><c>/mcp</c> asks what every <c>testdata.v1</c> call asks: a credential outside Development, the tool's scope, the caller's quotas.</summary>
public sealed class McpAccessTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    [Fact]
    public async Task InProductionMcpNeedsAKeyAndEachToolItsScope()
    {
        var settings = AccessKeys.Settings(allowAnonymous: false, ("writer", "writer-key", ["generate"]), ("checker", "checker-key", ["validate"]));
        await using var api = await ApiProcess.StartAsync(settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value), allowAnonymous: false);

        using var anonymous = await PostAsync(api.Http, apiKey: null);
        using var wrong = await PostAsync(api.Http, apiKey: "wrong-key");
        await using var writer = await McpSession.OverHttpAsync(api.Http.BaseAddress!, "writer-key");
        await using var checker = await McpSession.OverHttpAsync(api.Http.BaseAddress!, "checker-key");
        var generated = await writer.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "user", ["count"] = 3, ["seed"] = 1 });
        var validated = await checker.CallAsync<ValidationFindings>("validate_data", new() { ["entity"] = "user", ["data"] = generated.Data });
        var writerValidates = await writer.RefusedAsync("validate_data", new() { ["entity"] = "user", ["data"] = generated.Data });
        var checkerGenerates = await checker.RefusedAsync("generate_data", new() { ["entity"] = "user", ["count"] = 3 });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(3, generated.RecordsReturned);
        Assert.True(validated.Valid);
        Assert.Contains("'validate' scope", writerValidates, StringComparison.Ordinal);
        Assert.Contains("'generate' scope", checkerGenerates, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallerOverItsRecordsPerDayIsRefusedOverMcpAsOverGrpc()
    {
        var settings = AccessKeys.Settings(allowAnonymous: false, ("daily", "daily-key", ["generate"]));
        settings["Auth:ApiKeys:daily:RecordsPerDay"] = "100";
        await using var api = ApiHost.Start(settings);
        await using var session = await McpSession.OverHttpAsync(api.HttpAddress, "daily-key");

        var first = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "user", ["count"] = 80 });
        var invalid = await session.RefusedAsync("generate_data", new() { ["entity"] = "user", ["count"] = 15, ["locale"] = "xx_XX" });
        var over = await session.RefusedAsync("generate_data", new() { ["entity"] = "user", ["count"] = 30 });
        var rest = await session.CallAsync<GeneratedRecords>("generate_data", new() { ["entity"] = "user", ["count"] = 20 });

        Assert.Equal(80, first.RecordsReturned);
        Assert.Contains("locale", invalid, StringComparison.Ordinal);
        Assert.Contains("RecordsPerDay", over, StringComparison.Ordinal);
        // The refused-as-invalid call's 15 records were given back: 80 + 20 fit in the day's 100.
        Assert.Equal(20, rest.RecordsReturned);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (apiKey is not null)
        {
            request.Headers.Add(McpSession.ApiKeyHeader, apiKey);
        }

        return await http.SendAsync(request);
    }
}
