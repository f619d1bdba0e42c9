using System.Text.Json;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// The shipped seed corpus: embedded JSON resources (<c>Rag/Seed/*.json</c>), one file per entity, each with its
/// themed patterns, defects and production samples. IDs are fixed in the files, so seeding is idempotent.
/// </summary>
public static class SeedCorpus
{
    private const string ResourcePrefix = "TestDataAgent.Rag.Seed.";

    public static IReadOnlyList<SeedPattern> Load()
    {
        var assembly = typeof(SeedCorpus).Assembly;
        var seeds = new List<SeedPattern>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            var entity = document.RootElement.GetProperty("entity").GetString()!;
            foreach (var (property, kind) in new[] { ("patterns", PatternCategory.Pattern), ("defects", PatternCategory.Defect), ("production_samples", PatternCategory.ProductionSample) })
            {
                if (!document.RootElement.TryGetProperty(property, out var items))
                {
                    continue;
                }

                foreach (var item in items.EnumerateArray())
                {
                    seeds.Add(new SeedPattern(
                        item.GetProperty("id").GetString()!,
                        kind,
                        entity,
                        Text(item, "scenario"),
                        Text(item, "description"),
                        item.TryGetProperty("quality_score", out var quality) ? quality.GetDouble() : 0.8,
                        Text(item, "severity"),
                        JsonValues.ToRecord(item.GetProperty("data")),
                        item.TryGetProperty("distributions", out var distributions) ? RecordJson.ToJson(JsonValues.ToValue(distributions)) : ""));
                }
            }
        }

        return seeds;
    }

    private static string Text(JsonElement item, string name) => item.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}
