namespace TestDataAgent.Mcp;

/// <summary>
/// <c>generate_data</c>'s answer: the records (all, or the first that fit in <c>Mcp:MaxInlineBytes</c>), how many of how
/// many, the seed that reproduces them, and when truncated, how to get the rest.
/// </summary>
public sealed record GeneratedRecords(
    string Format,
    string Data,
    int RecordsReturned,
    long RecordsRequested,
    bool Truncated,
    long Seed,
    string? Rest);
