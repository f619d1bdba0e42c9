using System.Text;
using System.Text.Json;

namespace TestDataAgent.Client.Seeding;

/// <summary>
/// Reads one table's NDJSON rows, straight from their UTF-8 bytes, into the values of the mapping's columns (in
/// <see cref="TableMapping.Columns"/> order). The field names are matched as bytes, expecting the next column's name
/// first, since the dataset writes its fields in its DDL's order. One reader per table and stream; not thread-safe.
/// </summary>
internal sealed class NdjsonRowReader
{
    private readonly TableMapping _mapping;
    private readonly bool _temporalsAsText;
    private readonly byte[][] _names;
    private readonly bool[] _seen;

    public NdjsonRowReader(TableMapping mapping, bool temporalsAsText)
    {
        _mapping = mapping;
        _temporalsAsText = temporalsAsText;
        _names = [.. mapping.Columns.Select(c => Encoding.UTF8.GetBytes(c.Source))];
        _seen = new bool[mapping.Columns.Count];
        Values = new object?[mapping.Columns.Count];
    }

    /// <summary>The last row read; the same array every row, overwritten by the next.</summary>
    public object?[] Values { get; }

    /// <summary>Reads <paramref name="line"/> (one JSON object) into <see cref="Values"/>; <paramref name="rowIndex"/> names it in refusals.</summary>
    public void Read(ReadOnlySpan<byte> line, long rowIndex)
    {
        Array.Clear(_seen);
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException($"Row {rowIndex} of table {_mapping.Table} in the dataset stream is not a JSON object.");
        }

        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = Find(ref reader, next);
            reader.Read();
            if (column < 0)
            {
                // A field no column takes (say _scenario when the table has no such column).
                reader.Skip();
                continue;
            }

            var target = _mapping.Columns[column].Target;
            Values[column] = reader.TokenType == JsonTokenType.Null
                ? ValueConverter.Null(target, _mapping.Table, rowIndex)
                : ValueConverter.Convert(ref reader, line, target, _mapping.Table, rowIndex, _temporalsAsText);
            _seen[column] = true;
            next = column + 1;
        }

        for (var i = 0; i < _seen.Length; i++)
        {
            if (!_seen[i])
            {
                Values[i] = ValueConverter.Null(_mapping.Columns[i].Target, _mapping.Table, rowIndex);
            }
        }
    }

    private int Find(ref Utf8JsonReader reader, int expected)
    {
        if (expected < _names.Length && Matches(ref reader, _names[expected]))
        {
            return expected;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (i != expected && Matches(ref reader, _names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Matches(ref Utf8JsonReader reader, byte[] name) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name);
}
