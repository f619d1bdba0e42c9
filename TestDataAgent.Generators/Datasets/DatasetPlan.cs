using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Output;

namespace TestDataAgent.Generators.Datasets;

/// <summary>A validated dataset request: its tables in an order where every table follows those it references.</summary>
public sealed record DatasetPlan
{
    public string RequestId { get; init; } = "";
    public required IReadOnlyList<DatasetTable> Tables { get; init; }
    public DataFormat Format { get; init; }

    /// <summary>SQL: the database the statements are written for.</summary>
    public SqlDialect SqlDialect { get; init; }
    public long Seed { get; init; }

    /// <summary>The dataset's locales: every table's row draws its locale from them, as a single entity's record does.</summary>
    public LocaleMix Locales { get; init; } = LocaleMix.Default;
    public DateTimeOffset ReferenceTime { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The table that is a child of <paramref name="parent"/> and of <paramref name="entity"/>, if any.</summary>
    public DatasetTable? ChildOf(DatasetTable parent, string entity)
    {
        foreach (var table in Tables)
        {
            if (table.Parent == parent && table.Entity == entity)
            {
                return table;
            }
        }

        return null;
    }
}
