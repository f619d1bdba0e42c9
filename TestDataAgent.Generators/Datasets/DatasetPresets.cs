using System.Reflection;
using System.Text.Json;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// The named graphs (<c>ecommerce_core</c>), stored as data beside the built-in schemas: each table's entity, parent,
/// counts, and the fields and overrides the graph needs for its rows to agree across tables.
/// </summary>
public static class DatasetPresets
{
    private const string ResourcePrefix = "TestDataAgent.Datasets.";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<DatasetTableInput>>> All = new(Load);

    public static IReadOnlyCollection<string> Names => [.. All.Value.Keys];

    public static bool TryGet(string name, out IReadOnlyList<DatasetTableInput> tables) =>
        All.Value.TryGetValue(name, out tables!);

    private static IReadOnlyDictionary<string, IReadOnlyList<DatasetTableInput>> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var presets = new SortedDictionary<string, IReadOnlyList<DatasetTableInput>>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            presets[root.GetProperty("name").GetString()!] = [.. root.GetProperty("tables").EnumerateArray().Select(Table)];
        }

        return presets;
    }

    private static DatasetTableInput Table(JsonElement table) => new()
    {
        Name = Text(table, "name"),
        Entity = Text(table, "entity"),
        Count = Number(table, "count"),
        Parent = Text(table, "parent"),
        MinPerParent = Number(table, "min_per_parent"),
        MaxPerParent = Number(table, "max_per_parent"),
        Distribution = Text(table, "distribution"),
        Omit = table.TryGetProperty("omit", out var omit) ? [.. omit.EnumerateArray().Select(o => o.GetString()!)] : [],
        Overrides = table.TryGetProperty("overrides", out var overrides)
            ? overrides.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(),
        Scenarios = [],
        Constraints = new Dictionary<string, FieldConstraintInput>(),
    };

    private static string Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString()! : "";

    private static int Number(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetInt32() : 0;
}
