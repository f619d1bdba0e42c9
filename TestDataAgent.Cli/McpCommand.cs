using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Mcp;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>testdata mcp</c>: an MCP server on stdin and stdout for a coding agent that starts it as a subprocess, with the api's
/// tools (<see cref="TestDataMcpExtensions.WithTestDataTools"/>) over the embedded domain (<see cref="DomainGateway"/>):
/// no server, no credential, the same records for a seed. It runs until stdin closes; stdout carries nothing but the
/// protocol's messages.
/// </summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var maxInlineBytes = new Option<int>("--max-inline-bytes")
        {
            Description = "The most bytes of records one tool answer carries (Mcp:MaxInlineBytes on the api)",
            DefaultValueFactory = _ => new McpOptions().MaxInlineBytes,
        };
        var command = new Command("mcp", "Serve the test data tools to an MCP client over stdio (list_schemas, generate_data, validate_data, generate_dataset)") { maxInlineBytes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var domain = EmbeddedDomain.Build();
            var services = new ServiceCollection();
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddSingleton<ITestDataGateway>(new DomainGateway(
                domain.GetRequiredService<RequestPipeline>(), domain.GetRequiredService<SchemaCatalog>(), domain.GetRequiredService<DatasetService>()));
            services.AddMcpServer().WithTestDataTools();
            services.Configure<McpOptions>(options => options.MaxInlineBytes = parse.GetValue(maxInlineBytes));
            await using var provider = services.BuildServiceProvider();
            _ = provider.GetRequiredService<IOptions<McpOptions>>().Value;   // validated now, not at the first call

            // The SDK's own stdio transport: its stdin reads honour cancellation, and stdout is written a message at a time.
            var transport = new StdioServerTransport("testdata");
            await using var server = McpServer.Create(transport, provider.GetRequiredService<IOptions<McpServerOptions>>().Value, NullLoggerFactory.Instance, provider);
            await server.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
