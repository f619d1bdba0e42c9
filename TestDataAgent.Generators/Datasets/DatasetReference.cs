namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// A foreign key of a dataset table: <see cref="Column"/> holds the primary key of a row of <see cref="Target"/>, which
/// row found from the child's key alone (<see cref="How"/>), so integrity holds by construction and costs no memory.
/// </summary>
public sealed record DatasetReference(string Column, DatasetTable Target, ReferenceKind How)
{
    /// <summary>For <see cref="ReferenceKind.ThroughParent"/>: the parent's reference whose value this column repeats.</summary>
    public DatasetReference? Via { get; init; }
}
