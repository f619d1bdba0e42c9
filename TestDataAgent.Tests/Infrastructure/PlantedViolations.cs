using System.Globalization;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// Breaks a valid record on purpose, by the meaning of a rule as the schema states it, not by the code that checks it:
/// the judges (<c>RecordValidator</c>, <c>CoherenceScorer</c>) must then reject it.
/// </summary>
internal static class PlantedViolations
{
    /// <summary>A change to one top-level field that leaves its schema rule, and the rule the validator must name.</summary>
    public sealed record FieldPlant(string Field, string Rule, string What, Action<DataRecord> Apply);

    /// <summary>Every way to break <paramref name="field"/> of a record that the schema's own rules forbid.</summary>
    public static IEnumerable<FieldPlant> ForField(FieldDefinition field)
    {
        var name = field.Name;
        if (field.Required)
        {
            yield return new(name, "required", "removed", r => r.Remove(name));
        }

        switch (field.Kind)
        {
            case FieldKind.Integer:
                yield return new(name, "type", "a string", r => r[name] = "7");
                if (field.Min is { } min)
                {
                    yield return new(name, "min", "below min", r => r[name] = (long)Math.Ceiling(min) - 1);
                }

                if (field.Max is { } max)
                {
                    yield return new(name, "max", "above max", r => r[name] = (long)Math.Floor(max) + 1);
                }

                break;
            case FieldKind.Float:
                yield return new(name, "type", "a string", r => r[name] = "cheap");
                if (field.Min is { } low)
                {
                    yield return new(name, "min", "below min", r => r[name] = (decimal)low - 1m);
                }

                if (field.Max is { } high)
                {
                    yield return new(name, "max", "above max", r => r[name] = (decimal)high + 1m);
                }

                break;
            case FieldKind.Boolean:
                yield return new(name, "type", "a string", r => r[name] = "yes");
                break;
            case FieldKind.Enum:
                yield return new(name, "enum", "not a listed value", r => r[name] = "not-" + string.Join("-", field.Values));
                break;
            case FieldKind.Date:
                yield return new(name, "format", "not a date", r => r[name] = "2024-13-45");
                break;
            case FieldKind.DateTime:
                yield return new(name, "format", "not a date-time", r => r[name] = "the day after tomorrow");
                break;
            case FieldKind.Object:
                yield return new(name, "type", "a string", r => r[name] = "an object");
                break;
            case FieldKind.Array:
                yield return new(name, "type", "a string", r => r[name] = "an array");
                if (field.MinItems is > 0)
                {
                    yield return new(name, "min_items", "too few items", r => r[name] = new List<object?>());
                }

                if (field.MaxItems is { } most)
                {
                    yield return new(name, "max_items", "too many items", r => r[name] = Repeat(r[name], most + 1));
                }

                break;
            default:
                // Strings of every kind (string, email, phone, address, uuid).
                yield return new(name, "type", "a number", r => r[name] = 42L);
                if (field.MinLength is > 0 and var shortest)
                {
                    yield return new(name, "min_length", "too short", r => r[name] = new string('a', shortest - 1));
                }

                if (field.MaxLength is { } longest)
                {
                    yield return new(name, "max_length", "too long", r => r[name] = new string('a', longest + 1));
                }

                if (field.Pattern is { Length: > 0 })
                {
                    yield return new(name, "regex", "off the pattern", r => r[name] = "\u0001 off the pattern \u0001");
                }

                var format = field.Kind switch { FieldKind.Email => "email", FieldKind.Uuid => "uuid", _ => field.Format };
                if (format is "email" or "uuid" or "uri" or "url" or "ipv4" or "date" or "date-time" or "iso8601")
                {
                    yield return new(name, "format", $"not a valid {format}", r => r[name] = "not valid at all");
                }

                break;
        }
    }

    /// <summary>
    /// Changes <paramref name="record"/> so that it breaks <paramref name="rule"/>, by the rule's declared meaning; null
    /// when the record does not hold what the rule is about (an optional field left out).
    /// </summary>
    public static Action<DataRecord>? ForRule(DerivationRule rule, DataRecord record) => rule switch
    {
        SumRule sum when Number(record, sum.Target) is not null => r => r[sum.Target] = Plus(r[sum.Target], 1),
        SumOfItemsRule items when Number(record, items.Target) is not null && record.GetValueOrDefault(items.Items) is List<object?> => r => r[items.Target] = Plus(r[items.Target], 1),
        ProductRule product when Number(record, product.Target) is not null => r => r[product.Target] = Plus(r[product.Target], 1),
        PercentOfRule percent when Number(record, percent.Target) is not null && Number(record, percent.Base) is { } baseValue =>
            r => r[percent.Target] = Math.Round((baseValue * (decimal)percent.MaxPercent / 100m) + 1m, 2),
        AtMostRule atMost when Number(record, atMost.Target) is not null && record.GetValueOrDefault(atMost.Limit) is { } limit => r => r[atMost.Target] = Plus(limit, 1),
        NotBeforeRule notBefore when record.GetValueOrDefault(notBefore.Target) is string target && Instant(record.GetValueOrDefault(notBefore.Reference)) is { } reference =>
            r => r[notBefore.Target] = Format(reference.AddHours(-(notBefore.MinGapHours + 72)), target),
        PresentWhenRule presentWhen => record.GetValueOrDefault(presentWhen.Field) is string s && presentWhen.Values.Contains(s)
            ? r => r[presentWhen.Target] = null
            : r => r[presentWhen.Target] = "present although it should not be",
        PositiveWhenRule positive when record.GetValueOrDefault(positive.Flag) is bool flag && Number(record, positive.Target) is not null => r => r[positive.Flag] = !flag,
        ExactlyOneTrueRule exactlyOne when record.GetValueOrDefault(exactlyOne.Items) is List<object?> { Count: > 0 } =>
            r => ((List<object?>)r[exactlyOne.Items]!).OfType<DataRecord>().ToList().ForEach(item => item[exactlyOne.Field] = false),
        _ => null,
    };

    /// <summary>Whether <paramref name="record"/> holds what <paramref name="rule"/> is about, so the rule can be judged on it.</summary>
    public static bool Applies(DerivationRule rule, DataRecord record) => ForRule(rule, record) is not null;

    /// <summary>A deep copy, so a planted violation never reaches the original.</summary>
    public static DataRecord Copy(DataRecord record)
    {
        var copy = new DataRecord(record.Count);
        foreach (var (key, value) in record)
        {
            copy[key] = CopyValue(value);
        }

        return copy;
    }

    private static object? CopyValue(object? value) => value switch
    {
        DataRecord nested => Copy(nested),
        List<object?> list => list.Select(CopyValue).ToList(),
        _ => value,
    };

    private static List<object?> Repeat(object? list, int count)
    {
        var items = list as List<object?> is { Count: > 0 } some ? some : [null];
        return [.. Enumerable.Range(0, count).Select(i => items[i % items.Count])];
    }

    private static decimal? Number(DataRecord record, string field) => record.GetValueOrDefault(field) switch
    {
        long l => l,
        decimal d => d,
        double d => (decimal)d,
        _ => null,
    };

    private static object Plus(object? value, int amount) => value switch
    {
        long l => l + amount,
        decimal d => d + amount,
        double d => d + amount,
        _ => throw new ArgumentException($"not a number: {value}"),
    };

    private static DateTimeOffset? Instant(object? value) =>
        value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    // In the shape of the value it replaces: a date stays a date.
    private static string Format(DateTimeOffset instant, string like) =>
        like.Length == 10 ? instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
