using System.Globalization;
using System.Text.Json;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// One NDJSON value to the CLR value its column takes, or a <see cref="SeedMappingException"/> naming the table, column,
/// row and rule when the column cannot hold it. PostgreSQL gets typed values (for binary <c>COPY</c>); SQLite keeps
/// dates and timestamps as the ISO text the dataset's SQL output writes.
/// </summary>
internal static class ValueConverter
{
    public static object? Convert(JsonElement row, MappedColumn column, string table, long rowIndex, bool temporalsAsText)
    {
        var target = column.Target;
        if (!row.TryGetProperty(column.Source, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            // A column default does not apply to a row that names the column, so NULL into NOT NULL is refused.
            return target.Nullable
                ? null
                : throw Refuse(table, target, rowIndex, "NOT NULL column, and the dataset's value is null");
        }

        return target.Kind switch
        {
            ColumnKind.Integer => Integer(value, table, target, rowIndex),
            ColumnKind.Decimal => Decimal(value, table, target, rowIndex),
            ColumnKind.Real => value.ValueKind == JsonValueKind.Number
                ? target.Bits == 32 ? value.GetSingle() : value.GetDouble()
                : throw Mismatch(table, target, rowIndex, value),
            ColumnKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Mismatch(table, target, rowIndex, value),
            ColumnKind.Text => Text(value, table, target, rowIndex),
            ColumnKind.Json or ColumnKind.Any => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
            ColumnKind.Date => Date(value, table, target, rowIndex, temporalsAsText),
            ColumnKind.Timestamp or ColumnKind.TimestampTz => Timestamp(value, table, target, rowIndex, temporalsAsText),
            ColumnKind.Uuid => value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var guid)
                ? temporalsAsText ? guid.ToString("D") : guid
                : throw Mismatch(table, target, rowIndex, value),
            _ => throw Refuse(table, target, rowIndex, $"column type {target.TypeName} is not one the seeder writes"),
        };
    }

    /// <summary>A key as <c>testdata_run_keys.key_value</c> holds it: the text PostgreSQL's <c>::text</c> gives.</summary>
    public static string KeyText(object key) => key switch
    {
        Guid guid => guid.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };

    private static object Integer(JsonElement value, string table, TargetColumn target, long rowIndex)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw Mismatch(table, target, rowIndex, value);
        }

        return target.Bits switch
        {
            16 when number is < short.MinValue or > short.MaxValue => throw Refuse(table, target, rowIndex, $"{number} is out of range for {target.TypeName}"),
            16 => (short)number,
            32 when number is < int.MinValue or > int.MaxValue => throw Refuse(table, target, rowIndex, $"{number} is out of range for {target.TypeName}"),
            32 => (int)number,
            _ => number,
        };
    }

    private static decimal Decimal(JsonElement value, string table, TargetColumn target, long rowIndex)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            throw Mismatch(table, target, rowIndex, value);
        }

        // The scale rounds, as the dataset's own SQL does; digits left of the point beyond the precision cannot be held.
        if (target.Precision is { } precision && Math.Abs(Math.Round(number, target.Scale ?? 0)) >= Pow10(precision - (target.Scale ?? 0)))
        {
            throw Refuse(table, target, rowIndex, $"{number.ToString(CultureInfo.InvariantCulture)} does not fit {target.TypeName}({precision}, {target.Scale ?? 0})");
        }

        return number;
    }

    private static string Text(JsonElement value, string table, TargetColumn target, long rowIndex)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return target.MaxLength is { } max && text.Length > max
            ? throw Refuse(table, target, rowIndex, $"a value of {text.Length} characters is longer than {target.TypeName}({max})")
            : text;
    }

    private static object Date(JsonElement value, string table, TargetColumn target, long rowIndex, bool asText)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Mismatch(table, target, rowIndex, value);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Refuse(table, target, rowIndex, $"'{text}' is not a date (yyyy-MM-dd)");
        }

        return asText ? text : date;
    }

    private static object Timestamp(JsonElement value, string table, TargetColumn target, long rowIndex, bool asText)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Mismatch(table, target, rowIndex, value);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            throw Refuse(table, target, rowIndex, $"'{text}' is not an ISO-8601 timestamp");
        }

        // timestamp without time zone holds the UTC wall clock; Npgsql writes it from an unspecified-kind DateTime.
        return asText ? text
            : target.Kind == ColumnKind.TimestampTz ? instant.UtcDateTime
            : DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Unspecified);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent && i < 28; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static SeedMappingException Mismatch(string table, TargetColumn target, long rowIndex, JsonElement value) =>
        Refuse(table, target, rowIndex, $"column type {target.TypeName} cannot hold the {value.ValueKind.ToString().ToLowerInvariant()} value {Shorten(value.GetRawText())}");

    private static SeedMappingException Refuse(string table, TargetColumn target, long rowIndex, string rule) =>
        new(table, target.Name, $"row {rowIndex}: {rule}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
