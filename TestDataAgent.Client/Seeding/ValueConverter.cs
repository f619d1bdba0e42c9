using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// One NDJSON value (the token a <see cref="Utf8JsonReader"/> stands on) to the CLR value its column takes, or a
/// <see cref="SeedMappingException"/> naming the table, column, row and rule when the column cannot hold it. PostgreSQL
/// gets typed values (for binary <c>COPY</c>); SQLite keeps dates and timestamps as the ISO text the dataset's SQL
/// output writes. Values are read from the row's UTF-8 bytes: no document is built, and a date, timestamp or uuid is
/// parsed without a string.
/// </summary>
internal static class ValueConverter
{
    private const int StackChars = 128;

    /// <summary>
    /// Converts the value at <paramref name="reader"/> (not null) and leaves the reader on its last token.
    /// <paramref name="row"/> is the whole line, for the raw text of objects, arrays and refused values.
    /// </summary>
    public static object Convert(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, TargetColumn target, string table, long rowIndex, bool temporalsAsText) =>
        target.Kind switch
        {
            ColumnKind.Integer => Integer(ref reader, row, table, target, rowIndex),
            ColumnKind.Decimal => Decimal(ref reader, row, table, target, rowIndex),
            ColumnKind.Real => reader.TokenType == JsonTokenType.Number
                ? target.Bits == 32 ? reader.GetSingle() : reader.GetDouble()
                : throw Mismatch(ref reader, row, table, target, rowIndex),
            ColumnKind.Boolean => reader.TokenType is JsonTokenType.True or JsonTokenType.False ? reader.GetBoolean() : throw Mismatch(ref reader, row, table, target, rowIndex),
            ColumnKind.Text => Text(ref reader, row, table, target, rowIndex),
            ColumnKind.Json or ColumnKind.Any => reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawText(ref reader, row),
            ColumnKind.Date => Date(ref reader, row, table, target, rowIndex, temporalsAsText),
            ColumnKind.Timestamp or ColumnKind.TimestampTz => Timestamp(ref reader, row, table, target, rowIndex, temporalsAsText),
            ColumnKind.Uuid => Uuid(ref reader, row, table, target, rowIndex, temporalsAsText),
            _ => throw Refuse(table, target, rowIndex, $"column type {target.TypeName} is not one the seeder writes"),
        };

    /// <summary>A null (or absent) value: null for a nullable column, refused for a <c>NOT NULL</c> one.</summary>
    public static object? Null(TargetColumn target, string table, long rowIndex) =>
        // A column default does not apply to a row that names the column, so NULL into NOT NULL is refused.
        target.Nullable ? null : throw Refuse(table, target, rowIndex, "NOT NULL column, and the dataset's value is null");

    /// <summary>A key as <c>testdata_run_keys.key_value</c> holds it: the text PostgreSQL's <c>::text</c> gives.</summary>
    public static string KeyText(object key) => key switch
    {
        string text => text,
        Guid guid => guid.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };

    /// <summary>The value's text exactly as the row has it (an object or array is skipped over, the reader left on its end).</summary>
    public static string RawText(ref Utf8JsonReader reader, ReadOnlySpan<byte> row)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return Encoding.UTF8.GetString(row[start..(int)reader.BytesConsumed]);
    }

    private static object Integer(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, string table, TargetColumn target, long rowIndex)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var number))
        {
            throw Mismatch(ref reader, row, table, target, rowIndex);
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

    private static object Decimal(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, string table, TargetColumn target, long rowIndex)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var number))
        {
            throw Mismatch(ref reader, row, table, target, rowIndex);
        }

        // The scale rounds, as the dataset's own SQL does; digits left of the point beyond the precision cannot be held.
        if (target.Precision is { } precision && Math.Abs(Math.Round(number, target.Scale ?? 0)) >= Pow10(precision - (target.Scale ?? 0)))
        {
            throw Refuse(table, target, rowIndex, $"{number.ToString(CultureInfo.InvariantCulture)} does not fit {target.TypeName}({precision}, {target.Scale ?? 0})");
        }

        return number;
    }

    private static string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, string table, TargetColumn target, long rowIndex)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawText(ref reader, row);
        return target.MaxLength is { } max && text.Length > max
            ? throw Refuse(table, target, rowIndex, $"a value of {text.Length} characters is longer than {target.TypeName}({max})")
            : text;
    }

    private static object Date(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, string table, TargetColumn target, long rowIndex, bool asText)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Mismatch(ref reader, row, table, target, rowIndex);
        }

        // Unescaping never lengthens: a value of at most StackChars bytes has at most as many characters.
        Span<char> buffer = stackalloc char[StackChars];
        ReadOnlySpan<char> text = reader.ValueSpan.Length <= StackChars ? buffer[..reader.CopyString(buffer)] : reader.GetString();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Refuse(table, target, rowIndex, $"'{text}' is not a date (yyyy-MM-dd)");
        }

        return asText ? text.ToString() : date;
    }

    private static object Timestamp(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, string table, TargetColumn target, long rowIndex, bool asText)
    {
        // The common form (ISO 8601 in UTC, 'Z') through the reader's own parser; anything else as DateTimeOffset.TryParse
        // reads it, a time without an offset taken as UTC.
        DateTimeOffset instant;
        if (reader.TokenType == JsonTokenType.String && !asText && !reader.ValueIsEscaped && reader.ValueSpan is [.., (byte)'Z']
            && reader.TryGetDateTimeOffset(out instant))
        {
            return target.Kind == ColumnKind.TimestampTz ? instant.UtcDateTime : DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Unspecified);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw Mismatch(ref reader, row, table, target, rowIndex);
        }

        Span<char> buffer = stackalloc char[StackChars];
        ReadOnlySpan<char> text = reader.ValueSpan.Length <= StackChars ? buffer[..reader.CopyString(buffer)] : reader.GetString();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant))
        {
            throw Refuse(table, target, rowIndex, $"'{text}' is not an ISO-8601 timestamp");
        }

        // timestamp without time zone holds the UTC wall clock; Npgsql writes it from an unspecified-kind DateTime.
        return asText ? text.ToString()
            : target.Kind == ColumnKind.TimestampTz ? instant.UtcDateTime
            : DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Unspecified);
    }

    private static object Uuid(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, string table, TargetColumn target, long rowIndex, bool asText)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Mismatch(ref reader, row, table, target, rowIndex);
        }

        Span<char> buffer = stackalloc char[StackChars];
        ReadOnlySpan<char> text = reader.ValueSpan.Length <= StackChars ? buffer[..reader.CopyString(buffer)] : reader.GetString();
        return Guid.TryParse(text, out var guid)
            ? asText ? guid.ToString("D") : guid
            : throw Mismatch(ref reader, row, table, target, rowIndex);
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

    private static SeedMappingException Mismatch(ref Utf8JsonReader reader, ReadOnlySpan<byte> row, string table, TargetColumn target, long rowIndex)
    {
        var kind = reader.TokenType switch
        {
            JsonTokenType.StartObject => "object",
            JsonTokenType.StartArray => "array",
            JsonTokenType.String => "string",
            JsonTokenType.Number => "number",
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => reader.TokenType.ToString().ToLowerInvariant(),
        };
        return Refuse(table, target, rowIndex, $"column type {target.TypeName} cannot hold the {kind} value {Shorten(RawText(ref reader, row))}");
    }

    private static SeedMappingException Refuse(string table, TargetColumn target, long rowIndex, string rule) =>
        new(table, target.Name, $"row {rowIndex}: {rule}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
