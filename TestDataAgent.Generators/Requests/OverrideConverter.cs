using System.Globalization;
using System.Text.Json;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// Converts scenario overrides, which arrive as strings, to their fields' types: <c>"5"</c> becomes 5 for an
/// integer, <c>"true"</c> becomes true, JSON text becomes an object or array. Keys are dotted field paths;
/// <c>items.quantity</c> applies to every item of <c>items</c>.
/// </summary>
internal static class OverrideConverter
{
    public static IReadOnlyDictionary<string, object?> Convert(EntitySchema schema, IReadOnlyDictionary<string, string> overrides, string location)
    {
        var converted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (path, text) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var field = FindByPath(schema, path)
                ?? throw new InvalidRequestException($"{location}.{path}", $"{location}: '{path}' is not a field of {schema.Name}");
            converted[path] = ConvertValue(field, text, $"{location}.{path}");
        }

        return converted;
    }

    /// <summary>The key an override for <paramref name="field"/> uses: its path without array markers.</summary>
    public static string KeyOf(FieldDefinition field) => field.Path.Replace("[]", "", StringComparison.Ordinal);

    private static FieldDefinition? FindByPath(EntitySchema schema, string path)
    {
        var parts = path.Split('.');
        var field = schema.FindField(parts[0]);
        for (var i = 1; i < parts.Length && field is not null; i++)
        {
            var container = field.Kind == FieldKind.Array ? field.Items : field;
            field = container?.FindField(parts[i]);
        }

        return field;
    }

    private static object? ConvertValue(FieldDefinition field, string text, string location)
    {
        var trimmed = text.Trim();
        object? value = field.Kind switch
        {
            FieldKind.Integer => long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : Fail(location, text, "an integer"),
            FieldKind.Float => decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : Fail(location, text, "a number"),
            FieldKind.Boolean => bool.TryParse(trimmed, out var b) ? b : Fail(location, text, "true or false"),
            FieldKind.Object or FieldKind.Array => ParseJson(field, trimmed, location),
            FieldKind.Enum => field.Values.Contains(text) ? text : Fail(location, text, $"one of {string.Join(", ", field.Values)}"),
            _ => text,
        };

        if (value is long integer && (integer < field.Min || integer > field.Max))
        {
            throw new InvalidRequestException(location, $"{location}: {integer} is outside [{field.Min}, {field.Max}]");
        }

        if (value is decimal number && ((double)number < field.Min || (double)number > field.Max))
        {
            throw new InvalidRequestException(location, $"{location}: {number} is outside [{field.Min}, {field.Max}]");
        }

        return value;
    }

    private static object? ParseJson(FieldDefinition field, string text, string location)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var expected = field.Kind == FieldKind.Object ? JsonValueKind.Object : JsonValueKind.Array;
            return document.RootElement.ValueKind == expected
                ? JsonValues.ToValue(document.RootElement)
                : Fail(location, text, $"a JSON {field.Kind.ToName()}");
        }
        catch (JsonException)
        {
            return Fail(location, text, $"a JSON {field.Kind.ToName()}");
        }
    }

    private static object Fail(string location, string text, string expected) =>
        throw new InvalidRequestException(location, $"{location}: '{text}' is not {expected}");
}
