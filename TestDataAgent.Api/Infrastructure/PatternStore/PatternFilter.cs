using System.Linq.Expressions;
using System.Reflection;

using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// The filters the pattern stores honour: equality of string properties, joined with <c>&amp;&amp;</c>
/// (<c>p =&gt; p.Entity == entity &amp;&amp; p.Domain == domain</c>). Anything else is refused, so a filter is never
/// silently ignored.
/// </summary>
public static class PatternFilter
{
    /// <summary>Property name → required value; empty for no filter.</summary>
    /// <exception cref="NotSupportedException">The filter uses something other than string equality and <c>&amp;&amp;</c>.</exception>
    public static IReadOnlyDictionary<string, string> Parse(Expression<Func<StoredPattern, bool>>? filter)
    {
        var equalities = new Dictionary<string, string>(StringComparer.Ordinal);
        if (filter is not null)
        {
            Collect(filter.Body, filter.Parameters[0], equalities);
        }

        return equalities;
    }

    private static void Collect(Expression node, ParameterExpression parameter, Dictionary<string, string> equalities)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                Collect(and.Left, parameter, equalities);
                Collect(and.Right, parameter, equalities);
                return;
            case BinaryExpression { NodeType: ExpressionType.Equal } equal when Property(equal.Left, parameter) is { } name:
                Add(equalities, name, Evaluate(equal.Right));
                return;
            case BinaryExpression { NodeType: ExpressionType.Equal } equal when Property(equal.Right, parameter) is { } name:
                Add(equalities, name, Evaluate(equal.Left));
                return;
            default:
                throw new NotSupportedException(
                    $"Pattern stores filter only on string equality joined with &&, such as p => p.Entity == \"cart\" && p.Domain == \"ecommerce\"; got {node}.");
        }
    }

    private static void Add(Dictionary<string, string> equalities, string name, string value)
    {
        if (equalities.TryGetValue(name, out var existing) && existing != value)
        {
            // p.Entity == "a" && p.Entity == "b" matches nothing; keep a value no record has.
            value = "\u0000contradiction";
        }

        equalities[name] = value;
    }

    private static string? Property(Expression node, ParameterExpression parameter) =>
        node is MemberExpression { Member: PropertyInfo { PropertyType: var type } property, Expression: var target } && target == parameter && type == typeof(string)
            ? property.Name
            : null;

    private static string Evaluate(Expression node) => node switch
    {
        ConstantExpression constant => constant.Value as string ?? "",
        MemberExpression { Member: FieldInfo field, Expression: var target } => field.GetValue(target is null ? null : EvaluateObject(target)) as string ?? "",
        MemberExpression { Member: PropertyInfo property, Expression: var target } => property.GetValue(target is null ? null : EvaluateObject(target)) as string ?? "",
        _ => throw new NotSupportedException($"Pattern store filters compare with constants or captured variables, not {node}."),
    };

    private static object? EvaluateObject(Expression node) => node switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: FieldInfo field, Expression: var target } => field.GetValue(target is null ? null : EvaluateObject(target)),
        MemberExpression { Member: PropertyInfo property, Expression: var target } => property.GetValue(target is null ? null : EvaluateObject(target)),
        _ => throw new NotSupportedException($"Pattern store filters compare with constants or captured variables, not {node}."),
    };

    /// <summary>Whether a record has every required value.</summary>
    public static bool Matches(StoredPattern record, IReadOnlyDictionary<string, string> equalities)
    {
        foreach (var (name, value) in equalities)
        {
            var actual = name switch
            {
                nameof(StoredPattern.Id) => record.Id,
                nameof(StoredPattern.Domain) => record.Domain,
                nameof(StoredPattern.Entity) => record.Entity,
                nameof(StoredPattern.Scenario) => record.Scenario,
                nameof(StoredPattern.Severity) => record.Severity,
                _ => throw new NotSupportedException($"Pattern stores filter on Id, Domain, Entity, Scenario or Severity, not {name}."),
            };
            if (!string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
