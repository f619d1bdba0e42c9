using System.Text.Json;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Per-field value frequencies of production-like records, stored with a production sample as
/// <c>{"field": {"values": [...], "weights": [...]}}</c> and drawn from by production_like requests.
/// Only categorical fields are kept (enums, booleans, and integers or short strings with few distinct values);
/// IDs, dates and personal fields never are.
/// </summary>
public static class Distributions
{
    private const int MaxDistinct = 20;

    public static string From(IReadOnlyList<DataRecord> records, EntitySchema schema)
    {
        var result = new SortedDictionary<string, FieldDistribution>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (!IsCategorical(field, schema))
            {
                continue;
            }

            var counts = new SortedDictionary<string, (object? Value, int Count)>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                if (record.TryGetValue(field.Name, out var value) && value is not null)
                {
                    var key = RecordJson.ToJson(value);
                    counts[key] = (value, counts.GetValueOrDefault(key).Count + 1);
                }
            }

            if (counts.Count is > 0 and <= MaxDistinct && (field.Kind is FieldKind.Enum or FieldKind.Boolean || counts.Count < records.Count || records.Count == 1))
            {
                result[field.Name] = new FieldDistribution([.. counts.Values.Select(c => c.Value)], [.. counts.Values.Select(c => (double)c.Count)]);
            }
        }

        return RecordJson.ToJson(ToRecord(result));
    }

    /// <summary>Parses stored frequencies; unreadable text gives none.</summary>
    public static IReadOnlyDictionary<string, FieldDistribution> Parse(string json)
    {
        var result = new Dictionary<string, FieldDistribution>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.TryGetProperty("values", out var values) && property.Value.TryGetProperty("weights", out var weights) &&
                    values.GetArrayLength() == weights.GetArrayLength() && values.GetArrayLength() > 0)
                {
                    result[property.Name] = new FieldDistribution(
                        [.. values.EnumerateArray().Select(JsonValues.ToValue)],
                        [.. weights.EnumerateArray().Select(w => w.GetDouble())]);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return new Dictionary<string, FieldDistribution>();
        }

        return result;
    }

    private static bool IsCategorical(FieldDefinition field, EntitySchema schema) =>
        field.Name != schema.PrimaryKey &&
        field.Format is null or "" &&
        !PersonalDataScrubber.IsPersonal(field, schema.Fields) &&
        field.Kind is FieldKind.Enum or FieldKind.Boolean or FieldKind.Integer or FieldKind.String;

    private static DataRecord ToRecord(SortedDictionary<string, FieldDistribution> distributions)
    {
        var record = new DataRecord();
        foreach (var (name, distribution) in distributions)
        {
            record[name] = new DataRecord { ["values"] = distribution.Values.ToList(), ["weights"] = distribution.Weights.Select(w => (object?)w).ToList() };
        }

        return record;
    }
}
