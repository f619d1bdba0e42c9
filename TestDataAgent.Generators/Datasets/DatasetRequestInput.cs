namespace TestDataAgent.Generators.Datasets;

/// <summary>A dataset request as the caller sent it (the wire's <c>GenerateDatasetRequest</c>), before validation.</summary>
public sealed record DatasetRequestInput
{
    public string RequestId { get; init; } = "";
    public string Domain { get; init; } = "";
    public string Preset { get; init; } = "";
    public IReadOnlyList<DatasetTableInput> Tables { get; init; } = [];
    public int OutputFormat { get; init; }
    public long? Seed { get; init; }
    public string ReferenceTime { get; init; } = "";
    public string Locale { get; init; } = "";

    /// <summary>SQL output's dialect by name (<see cref="Output.SqlDialects"/>); empty is ANSI.</summary>
    public string SqlDialect { get; init; } = "";
}
