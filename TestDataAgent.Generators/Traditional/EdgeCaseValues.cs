using System.Globalization;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// For the <c>edge_case</c> hint: valid values that sit on the boundaries, where software breaks: minimum and maximum
/// numbers and lengths, the shortest and longest arrays, names with apostrophes, accents and right-to-left script,
/// plus-addressed emails, leap days and the last second of a year.
/// </summary>
internal static class EdgeCaseValues
{
    /// <summary>How often a field with an edge takes it, so records mix edges with ordinary values.</summary>
    public const float Probability = 0.4f;

    private static readonly string[] s_names =
    [
        "O'Brien", "D'Angelo-Smith", "José", "Zoë", "Nguyễn", "Ólafsdóttir", "Łukasz", "Mary-Jane", "محمد", "李", "Ångström", "Jean-Luc",
    ];

    private static readonly string[] s_dateTimes = ["2024-02-29T00:00:00Z", "2024-02-29T23:59:59Z", "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2025-03-09T07:00:00Z"];

    /// <summary>The edge values for a field, or an empty list when it has none worth forcing.</summary>
    public static IReadOnlyList<object?> For(FieldDefinition field, string? semantic, DateTimeOffset latest)
    {
        var edges = field.Kind switch
        {
            FieldKind.Integer => new object?[] { field.Min is { } min ? (long)Math.Ceiling(min) : 0L, field.Max is { } max ? (long)Math.Floor(max) : null },
            FieldKind.Float => [field.Min is { } fmin ? Math.Ceiling((decimal)fmin * 100) / 100 : 0m, field.Max is { } fmax ? Math.Floor((decimal)fmax * 100) / 100 : null],
            FieldKind.Enum => [field.Values[0], field.Values[^1]],
            FieldKind.Date => s_dateTimes.Select(d => d[..10]).Where(d => DateTimeOffset.Parse(d, CultureInfo.InvariantCulture) <= latest).Cast<object?>().ToArray(),
            FieldKind.DateTime => s_dateTimes.Where(d => DateTimeOffset.Parse(d, CultureInfo.InvariantCulture) <= latest).Cast<object?>().ToArray(),
            FieldKind.String when semantic is "first_name" or "last_name" or "full_name" => s_names.Cast<object?>().ToArray(),
            FieldKind.String when field.Format is null && field.Pattern is null && field.Choices.Count == 0 && (field.MinLength is not null || field.MaxLength is not null) =>
                [new string('x', Math.Max(1, field.MinLength ?? 1)), field.MaxLength is { } length and <= 10_000 ? new string('y', length) : null],
            _ => [],
        };

        return edges.Where(e => e is not null && Fits(field, e)).ToList();
    }

    private static bool Fits(FieldDefinition field, object? value) => value switch
    {
        long l => !(l < field.Min) && !(l > field.Max),
        decimal d => !((double)d < field.Min) && !((double)d > field.Max),
        string s when field.Kind == FieldKind.Enum => field.Values.Contains(s),
        string s => !(s.Length < field.MinLength) && !(s.Length > field.MaxLength),
        _ => true,
    };
}
