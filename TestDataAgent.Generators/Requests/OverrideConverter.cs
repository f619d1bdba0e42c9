using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// Converts scenario overrides, which arrive as strings, to their fields' types: <c>"5"</c> becomes 5 for an
/// integer, <c>"true"</c> becomes true, JSON text becomes an object or array, and a range (<c>"20-50"</c> on a number,
/// <c>"2024-*"</c> or <c>"2024-06-*"</c> on a date or time) becomes an <see cref="OverrideRange"/> drawn per record.
/// Keys are dotted field paths; <c>items.quantity</c> applies to every item of <c>items</c>.
/// </summary>
internal static partial class OverrideConverter
{
    public static IReadOnlyDictionary<string, object?> Convert(EntitySchema schema, IReadOnlyDictionary<string, string> overrides, string location)
    {
        var converted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (path, text) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var field = FindByPath(schema, path)
                ?? throw new InvalidRequestException($"{location}.{path}", $"{location}: '{Echo.Quote(path)}' is not a field of {schema.Name}");
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
            FieldKind.Integer => long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
                : NumberRangeOf(field, trimmed, location) ?? Fail(location, text, "an integer or a range such as 20-50"),
            FieldKind.Float => decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
                : NumberRangeOf(field, trimmed, location) ?? Fail(location, text, "a number or a range such as 9.99-19.99"),
            FieldKind.Date or FieldKind.DateTime when trimmed.EndsWith('*') => DateRangeOf(field, trimmed) ?? Fail(location, text, "a date, or a year or month range such as 2024-* or 2024-06-*"),
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

    private static NumberRange? NumberRangeOf(FieldDefinition field, string text, string location)
    {
        var match = NumberRangeSyntax().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var min = decimal.Parse(match.Groups["min"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var max = decimal.Parse(match.Groups["max"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (min > max)
        {
            throw new InvalidRequestException(location, $"{location}: the range '{Echo.Quote(text)}' starts above its end");
        }

        if ((field.Min is { } lower && (double)min < lower) || (field.Max is { } upper && (double)max > upper))
        {
            throw new InvalidRequestException(location, $"{location}: the range '{Echo.Quote(text)}' reaches outside [{field.Min}, {field.Max}]");
        }

        if (field.Kind == FieldKind.Integer)
        {
            return min == decimal.Truncate(min) && max == decimal.Truncate(max)
                ? new NumberRange(min, max, 0)
                : throw new InvalidRequestException(location, $"{location}: the range '{Echo.Quote(text)}' on an integer field needs integer ends");
        }

        var decimals = Math.Max(2, Math.Max(Decimals(match.Groups["min"].Value), Decimals(match.Groups["max"].Value)));
        return new NumberRange(min, max, decimals);
    }

    private static int Decimals(string number) => number.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? number.Length - dot - 1 : 0;

    private static DateRange? DateRangeOf(FieldDefinition field, string text)
    {
        var match = DateRangeSyntax().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var format = field.Kind == FieldKind.Date ? Traditional.ScalarGenerators.DateFormat : Traditional.ScalarGenerators.DateTimeFormat;
        if (!match.Groups["month"].Success)
        {
            return year is >= 1 and < 9999 ? new DateRange(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc), format) : null;
        }

        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        if (year is < 1 or >= 9999 || month is < 1 or > 12)
        {
            return null;
        }

        var start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        return new DateRange(start, start.AddMonths(1), format);
    }

    /// <summary>
    /// A field for an override key the schema lacks, typed by the values the scenarios give it: integer, number, boolean,
    /// JSON object or array when every value is one, else string.
    /// </summary>
    public static FieldDefinition AddedField(string name, IReadOnlyList<string> values)
    {
        var trimmed = values.Select(v => v.Trim()).ToList();
        var kind =
            trimmed.TrueForAll(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) ? FieldKind.Integer :
            trimmed.TrueForAll(v => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) ? FieldKind.Float :
            trimmed.TrueForAll(v => bool.TryParse(v, out _)) ? FieldKind.Boolean :
            trimmed.TrueForAll(v => IsJson(v, JsonValueKind.Object)) ? FieldKind.Object :
            trimmed.TrueForAll(v => IsJson(v, JsonValueKind.Array)) ? FieldKind.Array :
            FieldKind.String;
        return new FieldDefinition { Name = name, Path = name, Kind = kind, Description = "added by a scenario override", MissingRate = 1.0 };
    }

    private static bool IsJson(string text, JsonValueKind kind)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == kind;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="path"/> names a field of <paramref name="schema"/>.</summary>
    public static bool IsField(EntitySchema schema, string path) => FindByPath(schema, path) is not null;

    [GeneratedRegex(@"^(?<min>-?\d+(?:\.\d+)?)\s*-\s*(?<max>-?\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRangeSyntax();

    [GeneratedRegex(@"^(?<year>\d{4})-(?:(?<month>\d{2})-)?\*$", RegexOptions.CultureInvariant)]
    private static partial Regex DateRangeSyntax();

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
        throw new InvalidRequestException(location, $"{location}: '{Echo.Quote(text)}' is not {expected}");
}
