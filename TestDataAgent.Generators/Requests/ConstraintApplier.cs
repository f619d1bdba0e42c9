using System.Globalization;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// Folds the request's constraints into a request-scoped copy of the schema, so generation honours them by
/// construction and validation checks them on every path. A constraint overrides the schema's own bound for its key
/// (as the original's validator did). Unknown fields and contradictions are refused, naming the field.
/// </summary>
internal static class ConstraintApplier
{
    private static readonly HashSet<string> s_formats = ["email", "uuid", "date", "date-time", "uri", "ipv4"];

    public static EntitySchema Apply(EntitySchema schema, IReadOnlyDictionary<string, FieldConstraintInput> constraints, List<string>? warnings = null)
    {
        if (constraints.Count == 0)
        {
            return schema;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        var fields = Rewrite(schema.Fields, constraints, known, warnings ?? []);
        foreach (var path in constraints.Keys.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(path))
            {
                throw new InvalidRequestException($"constraints.field_constraints[{path}]", $"constraints.field_constraints: '{Echo.Quote(path)}' is not a field of {schema.Name}");
            }
        }

        return schema with { Fields = fields };
    }

    private static List<FieldDefinition> Rewrite(IReadOnlyList<FieldDefinition> fields, IReadOnlyDictionary<string, FieldConstraintInput> constraints, HashSet<string> known, List<string> warnings)
    {
        var result = new List<FieldDefinition>(fields.Count);
        foreach (var field in fields)
        {
            var key = OverrideConverter.KeyOf(field);
            known.Add(key);
            var rewritten = field with
            {
                Fields = field.Fields.Count > 0 ? Rewrite(field.Fields, constraints, known, warnings) : field.Fields,
                Items = field.Items is { } items ? RewriteItems(items, constraints, known, warnings) : null,
            };
            result.Add(constraints.TryGetValue(key, out var constraint) ? Constrain(rewritten, constraint, $"constraints.field_constraints[{key}]", warnings) : rewritten);
        }

        return result;
    }

    private static FieldDefinition RewriteItems(FieldDefinition items, IReadOnlyDictionary<string, FieldConstraintInput> constraints, HashSet<string> known, List<string> warnings) =>
        items with { Fields = items.Fields.Count > 0 ? Rewrite(items.Fields, constraints, known, warnings) : items.Fields };

    private static FieldDefinition Constrain(FieldDefinition field, FieldConstraintInput constraint, string location, List<string> warnings)
    {
        var numeric = field.Kind is FieldKind.Integer or FieldKind.Float;
        var textual = field.Kind is FieldKind.String or FieldKind.Email or FieldKind.Phone or FieldKind.Address or FieldKind.Uuid or FieldKind.Enum;
        var result = field;

        if (constraint.Min is not null || constraint.Max is not null)
        {
            if (!numeric)
            {
                throw new InvalidRequestException($"{location}.min", $"{location}: min and max apply to integer and float fields; '{field.Path}' is {field.Kind.ToName()}");
            }

            var min = constraint.Min ?? field.Min;
            var max = constraint.Max ?? field.Max;
            if (min > max)
            {
                throw new InvalidRequestException($"{location}.min", $"{location}: min {min} is greater than max {max}");
            }

            if (field.Kind == FieldKind.Integer && min is not null && max is not null && Math.Ceiling(min.Value) > Math.Floor(max.Value))
            {
                throw new InvalidRequestException($"{location}.min", $"{location}: no integer lies between min {min} and max {max}");
            }

            // Values come from the caller's range, not from a meaning whose usual range may lie outside it.
            result = result with { Min = min, Max = max, Semantic = null, Weights = [] };
        }

        if ((constraint.MinLength is not null || constraint.MaxLength is not null) && field.Kind == FieldKind.Array)
        {
            // The wire has no min_items: on an array, the lengths bound its number of items.
            var minItems = constraint.MinLength ?? field.MinItems ?? 0;
            var maxItems = constraint.MaxLength ?? Math.Max(minItems, field.MaxItems ?? minItems);
            if (minItems < 0)
            {
                throw new InvalidRequestException($"{location}.min_length", $"{location}: an array's min_length (its number of items) must not be negative");
            }

            if (minItems > maxItems)
            {
                throw new InvalidRequestException($"{location}.min_length", $"{location}: min_length {minItems} is greater than max_length {maxItems}");
            }

            result = result with { MinItems = minItems, MaxItems = maxItems };
        }
        else if (constraint.MinLength is not null || constraint.MaxLength is not null)
        {
            if (!textual)
            {
                throw new InvalidRequestException($"{location}.min_length", $"{location}: min_length and max_length apply to string fields; '{field.Path}' is {field.Kind.ToName()}");
            }

            var minLength = constraint.MinLength ?? field.MinLength;
            var maxLength = constraint.MaxLength ?? field.MaxLength;
            // The upper bound is Generation:MaxStringLength, checked for every source once the schema is complete.
            if (minLength < 0 || maxLength < 0)
            {
                throw new InvalidRequestException($"{location}.min_length", $"{location}: lengths must not be negative");
            }

            if (minLength > maxLength)
            {
                throw new InvalidRequestException($"{location}.min_length", $"{location}: min_length {minLength} is greater than max_length {maxLength}");
            }

            result = result with { MinLength = minLength, MaxLength = maxLength };
        }

        if (constraint.EnumValues.Count > 0)
        {
            result = ApplyEnum(result, constraint.EnumValues, location, warnings);
        }

        if (constraint.Format is { Length: > 0 } format)
        {
            result = ApplyFormat(result, format, constraint.Regex is not null, location);
        }

        if (constraint.Regex is { } regex)
        {
            if (!textual || result.Kind == FieldKind.Enum)
            {
                throw new InvalidRequestException($"{location}.regex", $"{location}: regex applies to string fields; '{field.Path}' is {result.Kind.ToName()}");
            }

            try
            {
                _ = RegexValueSource.Create(regex, result.MinLength ?? 0, result.MaxLength ?? 64);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidRequestException($"{location}.regex", $"{location}: regex '{regex}' {ex.Message}");
            }

            result = result with { Kind = FieldKind.String, Pattern = regex, Format = null, Semantic = null, Choices = [] };
        }

        if (constraint.NullRate is not null || constraint.MissingRate is not null)
        {
            result = ApplyBlanks(result, constraint.NullRate ?? 0, constraint.MissingRate ?? 0, location);
        }

        return result;
    }

    private static FieldDefinition ApplyBlanks(FieldDefinition field, double nullRate, double missingRate, string location)
    {
        if (!(nullRate is >= 0 and <= 1))
        {
            throw new InvalidRequestException($"{location}.null_rate", $"{location}: null_rate must be between 0 and 1, got {nullRate}");
        }

        if (!(missingRate is >= 0 and <= 1))
        {
            throw new InvalidRequestException($"{location}.missing_rate", $"{location}: missing_rate must be between 0 and 1, got {missingRate}");
        }

        if (nullRate + missingRate > 1)
        {
            throw new InvalidRequestException($"{location}.null_rate", $"{location}: null_rate {nullRate} and missing_rate {missingRate} add up to more than 1");
        }

        // A field the caller blanks is optional in this request's schema, so the records stay valid for it.
        return field with { NullRate = nullRate, MissingRate = missingRate, Required = field.Required && nullRate == 0 && missingRate == 0 };
    }

    private static FieldDefinition ApplyEnum(FieldDefinition field, IReadOnlyList<string> values, string location, List<string> warnings)
    {
        if (field.Kind == FieldKind.Enum && values.Any(v => !field.Values.Contains(v)))
        {
            // The original's clients send their own categories: the caller's values replace the schema's list.
            var outside = values.Where(v => !field.Values.Contains(v)).ToList();
            warnings.Add($"{location}: {string.Join(", ", outside.Select(v => $"'{v}'"))} {(outside.Count == 1 ? "is" : "are")} not among the schema's values for '{field.Path}'; the caller's values replace them, and fields that follow '{field.Path}' in the schema (such as a product name that matches its category) may not match them");
            return field with { Values = values, Weights = [], Semantic = null, Choices = [], Format = null };
        }

        foreach (var value in values)
        {
            var fits = field.Kind switch
            {
                FieldKind.Integer => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && !(l < field.Min) && !(l > field.Max),
                FieldKind.Float => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && !(d < field.Min) && !(d > field.Max),
                FieldKind.Boolean => value is "true" or "false",
                FieldKind.Enum => field.Values.Contains(value),
                FieldKind.String or FieldKind.Email or FieldKind.Phone or FieldKind.Address or FieldKind.Uuid =>
                    !(value.Length < field.MinLength) && !(value.Length > field.MaxLength),
                _ => false,
            };
            if (!fits)
            {
                throw new InvalidRequestException($"{location}.enum_values", $"{location}: enum value '{value}' does not fit '{field.Path}' ({field.Kind.ToName()}{Bounds(field)})");
            }
        }

        return field.Kind switch
        {
            FieldKind.Integer or FieldKind.Float => field with { Values = values, Weights = [], Semantic = null },
            FieldKind.Boolean => field with { TrueProbability = values.Contains("true") ? (values.Contains("false") ? 0.5 : 1.0) : 0.0 },
            _ => field with { Kind = FieldKind.Enum, Values = values, Weights = [], Semantic = null, Choices = [], Format = null },
        };
    }

    private static FieldDefinition ApplyFormat(FieldDefinition field, string format, bool hasRegex, string location)
    {
        if (!s_formats.Contains(format))
        {
            throw new InvalidRequestException($"{location}.format", $"{location}: format '{format}' is not one of {string.Join(", ", s_formats)}");
        }

        if (hasRegex)
        {
            throw new InvalidRequestException($"{location}.format", $"{location}: give either format or regex, not both");
        }

        if (field.Kind is not (FieldKind.String or FieldKind.Email or FieldKind.Uuid or FieldKind.Date or FieldKind.DateTime))
        {
            throw new InvalidRequestException($"{location}.format", $"{location}: format applies to string fields; '{field.Path}' is {field.Kind.ToName()}");
        }

        return format switch
        {
            // The format decides the meaning too: a "phone" field asked to be a uuid is a uuid.
            "email" => field with { Kind = FieldKind.Email, Format = null, Semantic = "email", Choices = [] },
            "uuid" => field with { Kind = FieldKind.Uuid, Format = null, Semantic = "uuid", Choices = [] },
            "date" => field with { Kind = FieldKind.Date, Format = null, Semantic = null, Choices = [] },
            "date-time" => field with { Kind = FieldKind.DateTime, Format = null, Semantic = null, Choices = [] },
            "uri" => field with { Kind = FieldKind.String, Format = format, Semantic = "url", Choices = [] },
            _ => field with { Kind = FieldKind.String, Format = format, Semantic = "ipv4", Choices = [] },
        };
    }

    private static string Bounds(FieldDefinition field) =>
        field.Min is not null || field.Max is not null ? $" in [{field.Min}, {field.Max}]" :
        field.MinLength is not null || field.MaxLength is not null ? $", length {field.MinLength}..{field.MaxLength}" : "";
}
