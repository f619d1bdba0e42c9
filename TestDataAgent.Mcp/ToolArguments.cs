using ModelContextProtocol;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Mcp;

/// <summary>What the tools share: reading a format name, a seed when none is given, and the domain's refusals as tool errors.</summary>
internal static class ToolArguments
{
    public const string FormatDescription = "Output format: json (one array), ndjson (one record a line), csv (a header, then one row a record) or sql (INSERT statements)";

    public static DataFormat Format(string name) =>
        !string.IsNullOrEmpty(name) && !char.IsAsciiDigit(name[0]) && Enum.TryParse<DataFormat>(name, ignoreCase: true, out var format) && Enum.IsDefined(format)
            ? format
            : throw new McpException($"format must be json, ndjson, csv or sql, got '{Echo.Quote(name)}'.");

    public static string Name(DataFormat format) => format.ToString().ToLowerInvariant();

    // The answer may be cut short, and then the rest comes from the same seed: a call without one gets one here, as the
    // service would choose it, so that the answer can say it.
    public static long Seed(long? given) => given ?? Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>Runs a domain call; a request it refuses (the field and the rule) becomes the tool's error message.</summary>
    public static async Task<T> Refusing<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (InvalidRequestException invalid)
        {
            throw new McpException(invalid.Message, invalid);
        }
    }
}
