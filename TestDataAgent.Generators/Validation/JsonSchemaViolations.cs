using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Turns JsonSchema.Net's hierarchical results for one record into <see cref="RuleViolation"/>s: the field as our paths
/// name it (<c>items[2].price</c>), the keyword that failed as the rule, one violation per missing required property.
/// </summary>
/// <remarks>
/// Subschemas that all must hold (<c>properties</c>, <c>items</c>, <c>allOf</c>, <c>$ref</c>, <c>then</c> …) report the
/// keywords that failed inside them. Alternatives (<c>oneOf</c>, <c>anyOf</c>, <c>not</c>) report themselves: the failures
/// inside an alternative the record was free not to match say nothing about the record.
/// </remarks>
internal static class JsonSchemaViolations
{
    public static List<RuleViolation> Collect(EvaluationResults results, JsonElement record, long index)
    {
        var found = new List<RuleViolation>();
        Walk(results, record, index, "", "", found);
        var seen = new HashSet<(string, string, string)>();
        return found.Where(v => seen.Add((v.Field, v.Rule, v.Message))).ToList();
    }

    private static void Walk(EvaluationResults node, JsonElement record, long index, string keyword, string note, List<RuleViolation> found)
    {
        if (node.IsValid)
        {
            return;
        }

        var path = FieldPath(node.InstanceLocation.ToString(), record);
        var name = path.Length == 0 ? "the record" : path;
        foreach (var (failed, message) in node.Errors ?? [])
        {
            switch (failed)
            {
                case "required" when MissingProperties(message) is { Count: > 0 } names:
                    foreach (var missing in names)
                    {
                        var field = path.Length == 0 ? missing : $"{path}.{missing}";
                        found.Add(new RuleViolation(index, field, "required", $"{field} is required{note}"));
                    }

                    break;
                case "":
                    found.Add(new RuleViolation(index, path, keyword.Length == 0 ? "false" : keyword, $"{name} is not allowed here{note} (the schema under {(keyword.Length == 0 ? "it" : keyword)} is false)"));
                    break;
                default:
                    found.Add(new RuleViolation(index, path, failed, $"{name}: {message}{note}"));
                    break;
            }
        }

        var depth = Segments(node.EvaluationPath.ToString()).Count;
        foreach (var group in (node.Details ?? []).GroupBy(d => KeywordOf(d, depth)))
        {
            var children = group.ToList();
            var valid = children.Count(c => c.IsValid);
            switch (group.Key)
            {
                case "oneOf" when valid != 1:
                    found.Add(new RuleViolation(index, path, "oneOf", valid == 0
                        ? $"{name} matches none of the {children.Count} oneOf alternatives; exactly one must match{note}"
                        : $"{name} matches {valid} of the {children.Count} oneOf alternatives; exactly one must match{note}"));
                    break;
                case "anyOf" when valid == 0:
                    found.Add(new RuleViolation(index, path, "anyOf", $"{name} matches none of the {children.Count} anyOf alternatives; at least one must match{note}"));
                    break;
                case "not" when valid > 0:
                    found.Add(new RuleViolation(index, path, "not", $"{name} matches the schema under not, which it must not match{note}"));
                    break;
                case "propertyNames":
                    foreach (var child in children.Where(c => !c.IsValid))
                    {
                        var reasons = string.Join("; ", child.Errors?.Values.AsEnumerable() ?? []);
                        found.Add(new RuleViolation(index, path, "propertyNames", $"{name} has a property name that propertyNames refuses{(reasons.Length > 0 ? $": {reasons}" : "")}{note}"));
                    }

                    break;
                case "oneOf" or "anyOf" or "not" or "if" or "contains":
                    // An alternative, a condition or a count: judged by the keyword itself, above or in Errors.
                    break;
                case "then":
                    children.ForEach(c => Walk(c, record, index, "then", " (required by then, because the record matches if)", found));
                    break;
                case "else":
                    children.ForEach(c => Walk(c, record, index, "else", " (required by else, because the record does not match if)", found));
                    break;
                default:
                    children.ForEach(c => Walk(c, record, index, group.Key, note, found));
                    break;
            }
        }
    }

    /// <summary>The keyword of the parent that produced <paramref name="child"/>: its evaluation path's segment after the parent's.</summary>
    private static string KeywordOf(EvaluationResults child, int parentDepth)
    {
        var segments = Segments(child.EvaluationPath.ToString());
        return segments.Count > parentDepth ? segments[parentDepth] : "";
    }

    /// <summary>Our path for a JSON Pointer into the record: array indexes in brackets, property names joined with dots.</summary>
    public static string FieldPath(string pointer, JsonElement record)
    {
        var path = new StringBuilder();
        var current = record;
        foreach (var segment in Segments(pointer))
        {
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var item) && item < current.GetArrayLength())
            {
                path.Append('[').Append(segment).Append(']');
                current = current[item];
                continue;
            }

            if (path.Length > 0)
            {
                path.Append('.');
            }

            path.Append(segment);
            current = current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child) ? child : default;
        }

        return path.ToString();
    }

    private static List<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The names <c>required</c> found missing. JsonSchema.Net puts them in its message as a JSON array
    /// (<c>Required properties ["a","b"] are not present</c>); a message without one yields none, and the violation is the object's.
    /// </summary>
    private static List<string> MissingProperties(string message)
    {
        var (start, end) = (message.IndexOf('[', StringComparison.Ordinal), message.LastIndexOf(']'));
        if (start >= 0 && end > start)
        {
            try
            {
                using var names = JsonDocument.Parse(message.AsMemory(start, end - start + 1));
                if (names.RootElement.ValueKind == JsonValueKind.Array && names.RootElement.EnumerateArray().All(n => n.ValueKind == JsonValueKind.String))
                {
                    return names.RootElement.EnumerateArray().Select(n => n.GetString()!).ToList();
                }
            }
            catch (JsonException)
            {
                // Not the array this version writes: the violation is reported on the object, with the library's message.
            }
        }

        return [];
    }
}
