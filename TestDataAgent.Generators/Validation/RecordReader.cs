using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Reads a caller's records (a JSON array, NDJSON or CSV with a header row) one at a time, so a large payload is never
/// held twice. CSV cells take the kind of their column's field; a cell that does not parse stays text.
/// </summary>
internal static class RecordReader
{
    /// <exception cref="InvalidDataException">The data cannot be parsed in the given format.</exception>
    public static IEnumerable<DataRecord> Read(string data, DataFormat format, Func<string, FieldKind> kindOf) => format switch
    {
        DataFormat.Json => ParseJsonArray(data),
        DataFormat.Ndjson => ParseNdjson(data),
        DataFormat.Csv => ParseCsv(data, kindOf),
        _ => throw new InvalidDataException($"format {format} cannot be validated; send JSON, NDJSON or CSV"),
    };

    private static IEnumerable<DataRecord> ParseJsonArray(string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 });
        var offset = 0;
        var started = false;
        while (true)
        {
            DataRecord? record;
            (record, offset, state, var done) = NextElement(bytes, offset, state, ref started);
            if (done)
            {
                yield break;
            }

            yield return record!;
        }
    }

    private static (DataRecord? Record, int Offset, JsonReaderState State, bool Done) NextElement(byte[] bytes, int offset, JsonReaderState state, ref bool started)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(offset), isFinalBlock: true, state);
            if (!started)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new InvalidDataException("data must be a JSON array of records");
                }

                started = true;
            }

            if (!reader.Read())
            {
                throw new InvalidDataException("data ends before its closing ']'");
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return (null, offset, reader.CurrentState, true);
            }

            using var element = JsonDocument.ParseValue(ref reader);
            var record = element.RootElement.ValueKind == JsonValueKind.Object
                ? JsonValues.ToRecord(element.RootElement)
                : throw new InvalidDataException("every item of the data array must be a JSON object");
            return (record, offset + (int)reader.BytesConsumed, reader.CurrentState, false);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"data is not valid JSON: {ex.Message}");
        }
    }

    private static IEnumerable<DataRecord> ParseNdjson(string data)
    {
        var line = 0;
        using var lines = new StringReader(data);
        while (lines.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            DataRecord record;
            try
            {
                using var document = JsonDocument.Parse(text);
                record = document.RootElement.ValueKind == JsonValueKind.Object
                    ? JsonValues.ToRecord(document.RootElement)
                    : throw new InvalidDataException($"line {line} is not a JSON object");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"line {line} is not valid JSON: {ex.Message}");
            }

            yield return record;
        }
    }

    private static IEnumerable<DataRecord> ParseCsv(string data, Func<string, FieldKind> kindOf)
    {
        using var csv = new CsvReader(new StringReader(data), new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        string[] header;
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } names)
            {
                throw new InvalidDataException("CSV data needs a header row");
            }

            header = names;
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"data is not valid CSV: {ex.Message}");
        }

        while (Next(csv))
        {
            var record = new DataRecord(header.Length);
            for (var i = 0; i < header.Length; i++)
            {
                var cell = csv.GetField(i) ?? "";
                if (cell.Length > 0)
                {
                    record[header[i]] = FromCell(cell, header[i] == DataRecord.IndexField ? FieldKind.Integer : kindOf(header[i]));
                }
            }

            yield return record;
        }
    }

    private static bool Next(CsvReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"data is not valid CSV: {ex.Message}");
        }
    }

    /// <summary>A CSV cell in its field's type; a cell that does not parse stays text, so validation reports its type.</summary>
    private static object? FromCell(string cell, FieldKind kind)
    {
        switch (kind)
        {
            case FieldKind.Integer when long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                return l;
            case FieldKind.Float when decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return d;
            case FieldKind.Boolean when bool.TryParse(cell, out var b):
                return b;
            case FieldKind.Object or FieldKind.Array:
                try
                {
                    using var document = JsonDocument.Parse(cell);
                    return JsonValues.ToValue(document.RootElement);
                }
                catch (JsonException)
                {
                    return cell;
                }

            default:
                return cell;
        }
    }
}
