using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Datasets.Checking;

/// <summary>A caller's tables to check: the graph they follow (a preset or tables, as for generation) and each table's rows.</summary>
public sealed record DatasetCheckInput
{
    public required DatasetRequestInput Graph { get; init; }

    /// <summary>Each table's rows, by table name, in <see cref="Format"/>.</summary>
    public required IReadOnlyDictionary<string, string> Data { get; init; }

    public DataFormat Format { get; init; }
}
