namespace TestDataAgent.Mcp;

/// <summary>
/// The MCP tools' limits (<c>Mcp</c>, validated at start). A tool answer is one JSON-RPC message an agent reads whole,
/// so the records it carries inline are capped: past <see cref="MaxInlineBytes"/> the answer holds the first records
/// that fit, says how many of how many, and names the seed and the streaming calls that give the rest.
/// </summary>
public sealed class McpOptions
{
    public const string SectionName = "Mcp";

    /// <summary>The smallest <see cref="MaxInlineBytes"/>: a few records.</summary>
    public const int MinInlineBytes = 1024;

    /// <summary>The largest <see cref="MaxInlineBytes"/>: an answer an agent can still read.</summary>
    public const int MaxInlineBytesLimit = 16 * 1024 * 1024;

    /// <summary>The most bytes of records one tool answer carries inline (all tables together for a dataset).</summary>
    public int MaxInlineBytes { get; set; } = 256 * 1024;
}
