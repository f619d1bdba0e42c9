using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// One validated table of a dataset. Its rows are addressed by key: a root table's keys are 0 … count − 1; a child's
/// key is <c>parentKey × MaxPerParent + k</c> for its k-th row under that parent, so a row's parent, ancestors and
/// values follow from its key alone and nothing needs to be remembered between rows.
/// </summary>
public sealed class DatasetTable
{
    /// <summary>The table's name in the output.</summary>
    public required string Name { get; init; }

    /// <summary>The table's path in the request (<c>tables[2]</c>): what an error's field starts with.</summary>
    public required string Path { get; init; }

    /// <summary>The table as error messages name it: <c>tables[2] (orders)</c>.</summary>
    public string Location => $"{Path} ({Name})";

    /// <summary>The schema rows are generated from (named by the entity, with any added foreign key column).</summary>
    public required EntitySchema GenerationSchema { get; set; }

    /// <summary>The columns written: <see cref="GenerationSchema"/> without the omitted fields, named <see cref="Name"/>.</summary>
    public required EntitySchema OutputSchema { get; set; }

    /// <summary>The entity (built-in or custom schema name) the rows are of.</summary>
    public string Entity => GenerationSchema.Name;

    public string? PrimaryKey { get; init; }

    public DatasetTable? Parent { get; set; }

    /// <summary>Rows of a root table.</summary>
    public long Count { get; init; }

    public int MinPerParent { get; init; }

    public int MaxPerParent { get; init; }

    public ChildDistribution Distribution { get; init; }

    /// <summary>Cumulative probabilities of min_per_parent + r children, r = 0 … max − min.</summary>
    public double[] ChildCountCdf { get; init; } = [];

    /// <summary>Keys lie in [0, KeySpace): the row count's upper bound.</summary>
    public long KeySpace { get; set; }

    public List<DatasetReference> References { get; } = [];

    /// <summary>Top-level fields generated but not written (a child table replaces them).</summary>
    public IReadOnlyList<string> Omit { get; init; } = [];

    public required IReadOnlyList<ScenarioPlan> Scenarios { get; init; }

    /// <summary>Whether constraints were sent, so rows are checked and redrawn as single-entity records are.</summary>
    public bool Constrained { get; init; }

    /// <summary>Mixed into the seed so tables draw independent values.</summary>
    public long Salt { get; init; }

    public bool IsRoot => Parent is null;

    public DatasetReference? ReferenceTo(DatasetTable target)
    {
        foreach (var reference in References)
        {
            if (reference.Target == target)
            {
                return reference;
            }
        }

        return null;
    }

    public bool HasAncestor(DatasetTable table)
    {
        for (var current = Parent; current is not null; current = current.Parent)
        {
            if (current == table)
            {
                return true;
            }
        }

        return false;
    }
}
