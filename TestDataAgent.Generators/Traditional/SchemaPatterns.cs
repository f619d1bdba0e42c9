using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Builds the value generator of every string field with a pattern in a schema, at any depth, before any record is made:
/// within the <see cref="PatternOptions"/> budget, honouring cancellation, and refusing a pattern that cannot be
/// generated from with an <see cref="InvalidRequestException"/> naming the field, the rule and (for a bound) its setting.
/// The generators are cached, so compiling the fields afterwards reuses them.
/// </summary>
internal static class SchemaPatterns
{
    public static void Prepare(IReadOnlyList<FieldDefinition> fields, CancellationToken cancellationToken)
    {
        foreach (var field in fields)
        {
            if (field.Kind == FieldKind.String && field.Pattern is { Length: > 0 } pattern)
            {
                try
                {
                    _ = RegexValueSource.Create(pattern, field.MinLength ?? 0, field.MaxLength ?? 64, cancellationToken);
                }
                catch (ArgumentException ex)
                {
                    throw new InvalidRequestException($"{field.Path}.pattern", $"field '{field.Path}': pattern '{Echo.Quote(pattern)}' {ex.Message}");
                }
            }

            Prepare(field.Fields, cancellationToken);
            if (field.Items is { } items)
            {
                Prepare([items], cancellationToken);
            }
        }
    }
}
