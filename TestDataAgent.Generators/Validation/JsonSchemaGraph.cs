using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Checks a built JSON Schema against <see cref="ValidationOptions"/> before any record is evaluated, and swaps its
/// regular expressions for ones that cannot stall (<see cref="EcmaPattern"/>).
/// </summary>
/// <remarks>
/// Subschemas applied to the same value (<c>$ref</c>, <c>allOf</c>, <c>oneOf</c>, <c>if</c>/<c>then</c> …) form a graph
/// that must be acyclic (a cycle would recurse until the stack ends) and shallow and small enough; subschemas that
/// descend into the data (<c>properties</c>, <c>items</c> …) are bounded by the data's own nesting.
/// </remarks>
internal sealed class JsonSchemaGraph
{
    // Keywords whose subschemas apply to the same value as the schema holding them.
    private static readonly HashSet<string> s_sameValue = new(StringComparer.Ordinal)
    {
        "$ref", "$dynamicRef", "$recursiveRef", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "dependentSchemas", "dependencies", "propertyDependencies",
    };

    // Keywords whose subschemas are never evaluated where they stand.
    private static readonly HashSet<string> s_notEvaluated = new(StringComparer.Ordinal) { "$defs", "definitions", "contentSchema" };

    private static readonly HashSet<string> s_references = new(StringComparer.Ordinal) { "$ref", "$dynamicRef", "$recursiveRef" };

    private readonly ValidationOptions _limits;
    private readonly string _field;
    private readonly Dictionary<JsonSchemaNode, long> _expansion = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<JsonSchemaNode> _onPath = new(ReferenceEqualityComparer.Instance);
    private readonly List<JsonSchemaNode> _dynamicTargets = [];

    private JsonSchemaGraph(ValidationOptions limits, string field) => (_limits, _field) = (limits, field);

    /// <exception cref="InvalidRequestException">The schema breaks a limit or refers back to itself without descending into the data.</exception>
    public static void Prepare(JsonSchema schema, ValidationOptions limits, string field)
    {
        var graph = new JsonSchemaGraph(limits, field);
        var reachable = Reachable(schema.Root);
        graph._dynamicTargets.AddRange(reachable.Where(n => n.Keywords.Any(k => k.Handler is DynamicAnchorKeyword or Json.Schema.Keywords.Draft201909.RecursiveAnchorKeyword)));
        foreach (var node in reachable)
        {
            graph.Expansion(node, 1);
        }

        Harden(schema.Root, TimeSpan.FromMilliseconds(limits.JsonSchemaPatternTimeoutMilliseconds));
    }

    private long Expansion(JsonSchemaNode node, int depth)
    {
        if (_expansion.TryGetValue(node, out var known))
        {
            return known;
        }

        if (depth > _limits.JsonSchemaMaxDepth)
        {
            throw new InvalidRequestException(_field, $"{_field} applies more than {_limits.JsonSchemaMaxDepth} subschemas in a chain to one value ($ref, allOf, anyOf, oneOf, not, if/then/else hops); the limit is the setting Validation:JsonSchemaMaxDepth");
        }

        _onPath.Add(node);
        long total = 1;
        foreach (var keyword in node.Keywords.Where(k => s_sameValue.Contains(k.Handler.Name)))
        {
            var targets = keyword.Handler.Name is "$dynamicRef" or "$recursiveRef" ? keyword.Subschemas.Concat(_dynamicTargets) : keyword.Subschemas;
            foreach (var target in targets)
            {
                if (_onPath.Contains(target))
                {
                    var reference = keyword.RawValue.ValueKind == JsonValueKind.String ? $" '{keyword.RawValue.GetString()}'" : "";
                    throw new InvalidRequestException(_field, $"{_field} refers back to a schema it is already applying to the same value ({keyword.Handler.Name}{reference}) without descending into the data, so evaluation would never end");
                }

                total += Expansion(target, depth + 1);
                if (total > _limits.JsonSchemaMaxExpansion)
                {
                    throw new InvalidRequestException(_field, $"{_field} applies more than {_limits.JsonSchemaMaxExpansion} subschemas to one value when every $ref, allOf, anyOf, oneOf … is followed; the limit is the setting Validation:JsonSchemaMaxExpansion");
                }
            }
        }

        _onPath.Remove(node);
        _expansion[node] = total;
        return total;
    }

    /// <summary>Every node evaluation can reach, references followed.</summary>
    private static List<JsonSchemaNode> Reachable(JsonSchemaNode root)
    {
        var seen = new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance) { root };
        var pending = new Stack<JsonSchemaNode>([root]);
        while (pending.TryPop(out var node))
        {
            foreach (var child in node.Keywords.Where(k => !s_notEvaluated.Contains(k.Handler.Name)).SelectMany(k => k.Subschemas))
            {
                if (seen.Add(child))
                {
                    pending.Push(child);
                }
            }
        }

        return [.. seen];
    }

    /// <summary>
    /// Replaces the regular expressions JsonSchema.Net compiled (backtracking, no time limit) in the caller's own document.
    /// References are not followed: what they reach in this document is reached through its structure, and what lies
    /// outside it (the official meta-schemas) is shared by every schema and left as the library built it.
    /// </summary>
    private static void Harden(JsonSchemaNode root, TimeSpan timeout)
    {
        var seen = new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance) { root };
        var pending = new Stack<JsonSchemaNode>([root]);
        while (pending.TryPop(out var node))
        {
            foreach (var keyword in node.Keywords)
            {
                switch (keyword.Handler, keyword.Value)
                {
                    case (PatternKeyword, Regex regex):
                        keyword.Value = EcmaPattern.Create(regex.ToString(), timeout);
                        break;
                    case (PatternPropertiesKeyword, Dictionary<string, Regex> regexes):
                        keyword.Value = regexes.ToDictionary(p => p.Key, p => EcmaPattern.Create(p.Key, timeout), StringComparer.Ordinal);
                        break;
                }

                if (s_references.Contains(keyword.Handler.Name))
                {
                    continue;
                }

                foreach (var child in keyword.Subschemas.Where(seen.Add))
                {
                    pending.Push(child);
                }
            }
        }
    }
}
