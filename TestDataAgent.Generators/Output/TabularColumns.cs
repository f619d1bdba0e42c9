using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Output;

/// <summary>Columns for CSV and SQL: the schema's top-level fields in order, then <c>_scenario</c> and <c>_index</c>.</summary>
internal static class TabularColumns
{
    public static string[] For(EntitySchema schema) =>
        [.. schema.Fields.Select(f => f.Name), DataRecord.ScenarioField, DataRecord.IndexField];
}
