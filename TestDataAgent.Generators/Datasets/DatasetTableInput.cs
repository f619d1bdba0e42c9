using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Datasets;

/// <summary>One table of a dataset as the caller sent it (the wire's <c>DatasetTable</c>), before validation.</summary>
public sealed record DatasetTableInput
{
    public string Name { get; init; } = "";
    public string Entity { get; init; } = "";
    public int Count { get; init; }
    public string Parent { get; init; } = "";
    public int MinPerParent { get; init; }
    public int MaxPerParent { get; init; }
    public string Distribution { get; init; } = "";
    public IReadOnlyDictionary<string, FieldConstraintInput> Constraints { get; init; } = new Dictionary<string, FieldConstraintInput>();
    public IReadOnlyList<ScenarioInput> Scenarios { get; init; } = [];
    public string InlineSchema { get; init; } = "";
    public string CustomSchema { get; init; } = "";

    /// <summary>Top-level fields a preset leaves out of this table (an order's embedded items, which a child table replaces).</summary>
    public IReadOnlyList<string> Omit { get; init; } = [];

    /// <summary>Overrides a preset applies to every row (a payment is captured), merged under the caller's scenarios.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();
}
