using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Mcp;

/// <summary>The official MCP C# client connected to the api's <c>/mcp</c> or to <c>testdata mcp</c> over stdio, and its tool calls read back.</summary>
internal sealed class McpSession(McpClient client) : IAsyncDisposable
{
    public const string ApiKeyHeader = "x-api-key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public McpClient Client { get; } = client;

    public static async Task<McpSession> OverHttpAsync(Uri httpAddress, string? apiKey = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(httpAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = apiKey is null ? null : new Dictionary<string, string> { [ApiKeyHeader] = apiKey },
        });
        using var deadline = new CancellationTokenSource(Deadlines.Hang);
        return new McpSession(await McpClient.CreateAsync(transport, cancellationToken: deadline.Token));
    }

    /// <summary>Starts the built CLI (<c>dotnet exec TestDataAgent.Cli.dll mcp …</c>) as an agent would, and talks to it on its stdin and stdout.</summary>
    public static async Task<McpSession> OverStdioAsync(params string[] arguments)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "testdata",
            Command = "dotnet",
            Arguments = ["exec", Path.Combine(AppContext.BaseDirectory, "TestDataAgent.Cli.dll"), "mcp", .. arguments],
            WorkingDirectory = AppContext.BaseDirectory,
            StandardErrorLines = line => Console.Error.WriteLine($"testdata mcp: {line}"),
        });
        // A process start on a loaded machine: the client's own 60 s for the handshake would judge speed.
        using var deadline = new CancellationTokenSource(Deadlines.SlowStartHang);
        var options = new McpClientOptions { InitializationTimeout = Deadlines.SlowStartHang };
        return new McpSession(await McpClient.CreateAsync(transport, options, cancellationToken: deadline.Token));
    }

    public async Task<IList<McpClientTool>> ToolsAsync()
    {
        using var deadline = new CancellationTokenSource(Deadlines.Hang);
        return await Client.ListToolsAsync(cancellationToken: deadline.Token);
    }

    /// <summary>Calls <paramref name="tool"/> and reads its answer as <typeparamref name="T"/>; a tool error fails the test with its message.</summary>
    public async Task<T> CallAsync<T>(string tool, Dictionary<string, object?> arguments)
    {
        var result = await CallRawAsync(tool, arguments);
        Assert.False(result.IsError == true, Text(result));
        return JsonSerializer.Deserialize<T>(Text(result), Json) ?? throw new InvalidOperationException($"{tool} answered null");
    }

    /// <summary>Calls <paramref name="tool"/> expecting a refusal, and returns its message.</summary>
    public async Task<string> RefusedAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await CallRawAsync(tool, arguments);
        Assert.True(result.IsError == true, $"{tool} was expected to be refused but answered {Text(result)}");
        return Text(result);
    }

    public async Task<CallToolResult> CallRawAsync(string tool, Dictionary<string, object?> arguments)
    {
        using var deadline = new CancellationTokenSource(Deadlines.Hang);
        return await Client.CallToolAsync(tool, arguments, cancellationToken: deadline.Token);
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}
