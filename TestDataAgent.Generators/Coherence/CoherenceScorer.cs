using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Coherence;

/// <summary>
/// Scores a record by the share of its schema's <c>derive</c> rules it satisfies (1.0 when it satisfies all, or
/// when the schema has none). Total: any value of any type is scored, never thrown on.
/// </summary>
public sealed class CoherenceScorer
{
    private const decimal MoneyTolerance = 0.01m;

    // A share written in whole units (yen have no cents) is within half a unit of the exact share.
    private const decimal WholeUnitTolerance = 0.5m;

    public double Score(DataRecord record, EntitySchema schema)
    {
        var checks = 0;
        var passed = 0;
        var rules = schema.Derivations;
        for (var r = 0; r < rules.Count; r++)
        {
            if (Check(record, rules[r]) is { } ok)
            {
                checks++;
                passed += ok ? 1 : 0;
            }
        }

        return checks == 0 ? 1.0 : (double)passed / checks;
    }

    /// <summary>Whether the record satisfies the rule, or <see langword="null"/> when the rule does not apply to it.</summary>
    public static bool? Check(DataRecord record, DerivationRule rule)
    {
        switch (rule)
        {
            case SumOfItemsRule sum:
                if (record.GetValueOrDefault(sum.Items) is not List<object?> items || Values.AsDecimal(record.GetValueOrDefault(sum.Target)) is not { } subtotal)
                {
                    return null;
                }

                var expected = 0m;
                foreach (var item in items)
                {
                    if (item is not DataRecord line || Values.AsDecimal(line.GetValueOrDefault(sum.Quantity)) is not { } q || Values.AsDecimal(line.GetValueOrDefault(sum.Price)) is not { } p)
                    {
                        return false;
                    }

                    expected += q * p;
                }

                return Math.Abs(subtotal - expected) <= MoneyTolerance;
            case PercentOfRule percent:
                if (Values.AsDecimal(record.GetValueOrDefault(percent.Base)) is not { } baseValue || Values.AsDecimal(record.GetValueOrDefault(percent.Target)) is not { } part)
                {
                    return null;
                }

                var tolerance = part.Scale == 0 ? WholeUnitTolerance : MoneyTolerance;
                return (percent.ZeroProbability > 0 && part == 0) ||
                       (part >= (baseValue * (decimal)percent.MinPercent / 100m) - tolerance &&
                        part <= (baseValue * (decimal)percent.MaxPercent / 100m) + tolerance);
            case ProductRule product:
                if (Values.AsDecimal(record.GetValueOrDefault(product.Target)) is not { } productTotal)
                {
                    return null;
                }

                var productExpected = 1m;
                foreach (var factor in product.Factors)
                {
                    if (Values.AsDecimal(record.GetValueOrDefault(factor)) is not { } f)
                    {
                        return null;
                    }

                    productExpected *= f;
                }

                return Math.Abs(productTotal - productExpected) <= MoneyTolerance;
            case AtMostRule atMost:
                if (Values.AsDecimal(record.GetValueOrDefault(atMost.Target)) is not { } bounded || Values.AsDecimal(record.GetValueOrDefault(atMost.Limit)) is not { } limit)
                {
                    return null;
                }

                return bounded <= limit;
            case SumRule sumRule:
                if (Values.AsDecimal(record.GetValueOrDefault(sumRule.Target)) is not { } total)
                {
                    return null;
                }

                var computed = SumOf(record, sumRule.Add) - SumOf(record, sumRule.Subtract);
                return Math.Abs(total - computed) <= MoneyTolerance;
            case NotBeforeRule notBefore:
                if (Values.AsInstant(record.GetValueOrDefault(notBefore.Target)) is not { } later || Values.AsInstant(record.GetValueOrDefault(notBefore.Reference)) is not { } earlier)
                {
                    return null;
                }

                // A date (no time of day) is compared at day precision.
                var slack = record.GetValueOrDefault(notBefore.Target) is string { Length: 10 } || record.GetValueOrDefault(notBefore.Reference) is string { Length: 10 } ? 24.0 : 1 / 3600.0;
                var gap = (later - earlier).TotalHours;
                return gap >= notBefore.MinGapHours - slack && gap <= notBefore.MaxGapHours + slack;
            case PresentWhenRule presentWhen:
                var should = record.GetValueOrDefault(presentWhen.Field) is string s && presentWhen.Values.Contains(s);
                return should == (record.GetValueOrDefault(presentWhen.Target) is not null);
            case PositiveWhenRule positive:
                if (record.GetValueOrDefault(positive.Flag) is not bool flag || Values.AsDecimal(record.GetValueOrDefault(positive.Target)) is not { } amount)
                {
                    return null;
                }

                return flag == amount > 0;
            case ExactlyOneTrueRule exactlyOne:
                if (record.GetValueOrDefault(exactlyOne.Items) is not List<object?> { Count: > 0 } entries)
                {
                    return null;
                }

                return TrueCount(entries, exactlyOne.Field) == 1;
            default:
                return null;
        }
    }

    // Loops, not LINQ lambdas: a lambda capturing the record made every Check call allocate its closure, whatever the rule.
    private static decimal SumOf(DataRecord record, IReadOnlyList<string> fields)
    {
        var sum = 0m;
        for (var i = 0; i < fields.Count; i++)
        {
            sum += Values.AsDecimal(record.GetValueOrDefault(fields[i])) ?? 0m;
        }

        return sum;
    }

    private static int TrueCount(List<object?> entries, string field)
    {
        var count = 0;
        foreach (var entry in entries)
        {
            count += entry is DataRecord r && r.GetValueOrDefault(field) is true ? 1 : 0;
        }

        return count;
    }
}
