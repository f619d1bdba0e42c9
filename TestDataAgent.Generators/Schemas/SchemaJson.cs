using System.Text.Json;

namespace TestDataAgent.Generators.Schemas;

/// <summary>Typed reads of schema-file keywords; a wrong type is a <see cref="SchemaFormatException"/> naming the keyword's location.</summary>
internal static class SchemaJson
{
    internal static object? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        _ => null,
    };

    internal static string RequiredString(JsonElement element, string name, string location) =>
        OptionalString(element, name, location) is { Length: > 0 } value
            ? value
            : throw new SchemaFormatException(Join(location, name), "is required and must be a non-empty string");

    internal static string? OptionalString(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SchemaFormatException(Join(location, name), "must be a string");
    }

    internal static bool? OptionalBool(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SchemaFormatException(Join(location, name), "must be true or false"),
        };
    }

    internal static double? OptionalNumber(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : throw new SchemaFormatException(Join(location, name), "must be a finite number");
    }

    internal static int? OptionalInt(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result) && result >= 0
            ? result
            : throw new SchemaFormatException(Join(location, name), "must be a non-negative integer");
    }

    internal static List<string> StringList(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaFormatException(Join(location, name), "must be an array of strings");
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new SchemaFormatException(Join(location, name), "must contain only strings"));
        }

        return list;
    }

    internal static List<double> NumberList(JsonElement element, string name, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaFormatException(Join(location, name), "must be an array of numbers");
        }

        var list = new List<double>();
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.Number && item.GetDouble() >= 0
                ? item.GetDouble()
                : throw new SchemaFormatException(Join(location, name), "must contain only non-negative numbers"));
        }

        return list;
    }

    internal static string Join(string location, string name) => location.Length == 0 ? name : $"{location}.{name}";
}
