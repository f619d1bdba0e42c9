using System.Text.Json;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Requests;

/// <summary>Converts parsed JSON into the value model of <see cref="DataRecord"/>.</summary>
public static class JsonValues
{
    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToRecord(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number when element.TryGetDecimal(out var d) => d,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static DataRecord ToRecord(JsonElement element)
    {
        var record = new DataRecord();
        foreach (var property in element.EnumerateObject())
        {
            record[property.Name] = ToValue(property.Value);
        }

        return record;
    }
}
