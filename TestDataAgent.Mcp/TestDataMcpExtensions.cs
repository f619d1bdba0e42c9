using Microsoft.Extensions.DependencyInjection;

namespace TestDataAgent.Mcp;

public static class TestDataMcpExtensions
{
    /// <summary>
    /// The test data tools (<c>list_schemas</c>, <c>generate_data</c>, <c>validate_data</c>, <c>generate_dataset</c>) and
    /// their limits (<see cref="McpOptions"/>, <c>Mcp</c>, validated at start). The caller registers the
    /// <see cref="ITestDataGateway"/> they call, and binds <see cref="McpOptions"/> where it has configuration.
    /// </summary>
    public static IMcpServerBuilder WithTestDataTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<McpOptions>()
            .Validate(o => o.MaxInlineBytes is >= McpOptions.MinInlineBytes and <= McpOptions.MaxInlineBytesLimit,
                $"Mcp:MaxInlineBytes must be from {McpOptions.MinInlineBytes} to {McpOptions.MaxInlineBytesLimit} bytes")
            .ValidateOnStart();
        return builder.WithTools<TestDataTools>().WithTools<DatasetTool>();
    }
}
