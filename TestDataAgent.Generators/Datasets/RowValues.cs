using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Datasets;

/// <summary>Reads and writes of the row values the cross-table rules use: money as decimals, instants as our ISO text.</summary>
internal static class RowValues
{
    public static decimal Money(DataRecord row, string field) => Values.AsDecimal(row.GetValueOrDefault(field)) ?? 0m;

    public static DateTimeOffset? Instant(DataRecord row, string field) => Values.AsInstant(row.GetValueOrDefault(field));

    public static string Text(DateTimeOffset instant) => IsoText.DateTime(instant);

    public static decimal Cents(decimal value) => Traditional.Money.Cents(value);

    /// <summary>
    /// Moves every top-level timestamp of <paramref name="row"/> so that <paramref name="anchor"/> becomes
    /// <paramref name="at"/>: the row's own order (updated after created, delivered after shipped) is kept.
    /// </summary>
    public static void MoveTo(DataRecord row, EntitySchema schema, string anchor, DateTimeOffset at)
    {
        if (Instant(row, anchor) is not { } current)
        {
            row[anchor] = Text(at);
            return;
        }

        var delta = at - current;
        foreach (var field in schema.Fields)
        {
            if (field.Kind == FieldKind.DateTime && Instant(row, field.Name) is { } instant)
            {
                row[field.Name] = Text(instant + delta);
            }
        }
    }

    /// <summary>The latest of the given timestamps that are present.</summary>
    public static DateTimeOffset? Latest(DataRecord row, params string[] fields)
    {
        DateTimeOffset? latest = null;
        foreach (var field in fields)
        {
            if (Instant(row, field) is { } instant && (latest is null || instant > latest))
            {
                latest = instant;
            }
        }

        return latest;
    }
}
