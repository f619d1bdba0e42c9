using System.Globalization;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Checks a record against its schema: required fields, types, enum values, numeric ranges, string lengths,
/// patterns (with a time limit: no pattern can stall the service), date formats, array sizes, nested objects.
/// Every violation is reported with its field path, not only the first.
/// </summary>
public sealed class RecordValidator
{
    public IReadOnlyList<RuleViolation> Validate(DataRecord record, EntitySchema schema, long recordIndex)
    {
        // Most records are valid: the list is only kept when something was found, and a field's path becomes text
        // only when a violation names it.
        var path = FieldPath.ForThisThread();
        var violations = path.Violations;
        ValidateObject(record, schema.Fields, path, recordIndex, violations);
        return violations.Count == 0 ? [] : [.. violations];
    }

    private static void ValidateObject(DataRecord record, IReadOnlyList<FieldDefinition> fields, FieldPath path, long index, List<RuleViolation> violations)
    {
        // A generated record holds its fields in schema order (some left out), under the schema's own name strings: the
        // next entry is looked at first, and only a name found elsewhere costs a lookup.
        var next = 0;
        for (var f = 0; f < fields.Count; f++)
        {
            var field = fields[f];
            path.Push(field.Name);
            object? value;
            if (next < record.Count && record.GetAt(next) is var entry && ReferenceEquals(entry.Key, field.Name))
            {
                value = entry.Value;
                next++;
            }
            else
            {
                // Out of place (or absent): found by name, and the record is followed from there.
                var at = record.IndexOf(field.Name);
                value = at < 0 ? null : record.GetAt(at).Value;
                next = at < 0 ? next : at + 1;
            }

            if (value is null)
            {
                if (field.Required)
                {
                    violations.Add(new RuleViolation(index, path, "required", $"{path} is required"));
                }
            }
            else
            {
                ValidateValue(value, field, path, index, violations);
            }

            path.Pop();
        }
    }

    private static void ValidateValue(object value, FieldDefinition field, FieldPath path, long index, List<RuleViolation> violations)
    {
        switch (field.Kind)
        {
            case FieldKind.Integer:
                if (value is not (long or int))
                {
                    violations.Add(new RuleViolation(index, path, "type", $"{path} must be an integer"));
                    return;
                }

                FieldRuleChecks.CheckRange(Convert.ToDecimal(value, CultureInfo.InvariantCulture), field, path, index, violations);
                FieldRuleChecks.CheckAllowedNumber(Convert.ToDecimal(value, CultureInfo.InvariantCulture), field, path, index, violations);
                break;
            case FieldKind.Float:
                if (Values.AsDecimal(value) is not { } number || value is string)
                {
                    violations.Add(new RuleViolation(index, path, "type", $"{path} must be a number"));
                    return;
                }

                FieldRuleChecks.CheckRange(number, field, path, index, violations);
                FieldRuleChecks.CheckAllowedNumber(number, field, path, index, violations);
                break;
            case FieldKind.Boolean:
                if (value is not bool)
                {
                    violations.Add(new RuleViolation(index, path, "type", $"{path} must be true or false"));
                }

                break;
            case FieldKind.Enum:
                if (value is not string choice || !IsOneOf(choice, field.Values))
                {
                    violations.Add(new RuleViolation(index, path, "enum", $"{path} must be one of {string.Join(", ", field.Values)}"));
                }

                break;
            case FieldKind.Date:
                if (value is not string date || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    violations.Add(new RuleViolation(index, path, "format", $"{path} must be a date (yyyy-MM-dd)"));
                }

                break;
            case FieldKind.DateTime:
                if (Values.AsInstant(value) is null)
                {
                    violations.Add(new RuleViolation(index, path, "format", $"{path} must be an ISO-8601 date-time"));
                }

                break;
            case FieldKind.Object:
                if (value is not DataRecord nested)
                {
                    violations.Add(new RuleViolation(index, path, "type", $"{path} must be an object"));
                    return;
                }

                ValidateObject(nested, field.Fields, path, index, violations);
                break;
            case FieldKind.Array:
                ValidateArray(value, field, path, index, violations);
                break;
            default:
                if (value is not string text)
                {
                    violations.Add(new RuleViolation(index, path, "type", $"{path} must be a string"));
                    return;
                }

                FieldRuleChecks.CheckString(text, field, path, index, violations);
                FieldRuleChecks.CheckFormat(text, field.Kind == FieldKind.Email ? "email" : field.Kind == FieldKind.Uuid ? "uuid" : field.Format, path, index, violations);
                break;
        }
    }

    // A loop rather than LINQ's Contains over the interface: the same ordinal comparison, without an enumerator.
    private static bool IsOneOf(string choice, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], choice, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void ValidateArray(object value, FieldDefinition field, FieldPath path, long index, List<RuleViolation> violations)
    {
        if (value is not List<object?> list)
        {
            violations.Add(new RuleViolation(index, path, "type", $"{path} must be an array"));
            return;
        }

        if (list.Count < field.MinItems)
        {
            violations.Add(new RuleViolation(index, path, "min_items", $"{path} has {list.Count} items; at least {field.MinItems} are required"));
        }

        if (list.Count > field.MaxItems)
        {
            violations.Add(new RuleViolation(index, path, "max_items", $"{path} has {list.Count} items; at most {field.MaxItems} are allowed"));
        }

        if (field.UniqueItems)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (!seen.Add(RecordJson.ToJson(list[i])))
                {
                    path.PushItem(i);
                    violations.Add(new RuleViolation(index, path, "unique_items", $"{path} repeats an earlier item; the items must be unique"));
                    path.Pop();
                }
            }
        }

        if (field.Items is not { } items)
        {
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            path.PushItem(i);
            if (list[i] is null)
            {
                violations.Add(new RuleViolation(index, path, "required", $"{path} must not be null"));
            }
            else
            {
                ValidateValue(list[i]!, items, path, index, violations);
            }

            path.Pop();
        }
    }
}
