using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Applies a schema's <c>derive</c> rules to a finished record so totals add up and timestamps are ordered.
/// Fields a scenario overrode are left as the caller set them.
/// </summary>
internal static class DerivationEngine
{
    public static void Apply(GenerationContext context, DataRecord record, IReadOnlyList<DerivationRule> rules,
        IReadOnlyDictionary<string, FieldPlan> plans, IReadOnlyDictionary<string, object?> overrides)
    {
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            if (overrides.ContainsKey(rule.Target) && rule is not ExactlyOneTrueRule)
            {
                continue;
            }

            switch (rule)
            {
                case SumOfItemsRule sum:
                    if (record.TryGetValue(sum.Items, out var items) && items is List<object?> list)
                    {
                        var total = 0m;
                        foreach (var item in list)
                        {
                            if (item is DataRecord line && Values.AsDecimal(line.GetValueOrDefault(sum.Quantity)) is { } q && Values.AsDecimal(line.GetValueOrDefault(sum.Price)) is { } p)
                            {
                                total += q * p;
                            }
                        }

                        record[sum.Target] = Money.Round(total, context.MinorUnits);
                    }

                    break;
                case PercentOfRule percent:
                    if (Values.AsDecimal(record.GetValueOrDefault(percent.Base)) is { } baseValue)
                    {
                        var rate = (decimal)context.Random.Double(percent.MinPercent, percent.MaxPercent);
                        var zero = percent.ZeroProbability > 0 && context.Random.Double() < percent.ZeroProbability;
                        record[percent.Target] = Money.Round(zero ? 0m : baseValue * Math.Round(rate, 2) / 100m, context.MinorUnits);
                    }

                    break;
                case ProductRule product:
                    var productValue = 1m;
                    foreach (var factor in product.Factors)
                    {
                        productValue *= Values.AsDecimal(record.GetValueOrDefault(factor)) ?? 0m;
                    }

                    record[product.Target] = Typed(context, plans, product.Target, productValue);
                    break;
                case AtMostRule atMost:
                    if (Values.AsDecimal(record.GetValueOrDefault(atMost.Target)) is { } value &&
                        Values.AsDecimal(record.GetValueOrDefault(atMost.Limit)) is { } limit && value > limit)
                    {
                        var floor = (decimal)(plans.TryGetValue(atMost.Target, out var limitedPlan) ? limitedPlan.Definition.Min ?? 0 : 0);
                        var capped = limit <= floor ? limit : floor + ((limit - floor) * (decimal)context.Random.Double());
                        record[atMost.Target] = Typed(context, plans, atMost.Target, capped, roundDown: true);
                    }

                    break;
                case SumRule sumRule:
                    var result = 0m;
                    foreach (var name in sumRule.Add)
                    {
                        result += Values.AsDecimal(record.GetValueOrDefault(name)) ?? 0m;
                    }

                    foreach (var name in sumRule.Subtract)
                    {
                        result -= Values.AsDecimal(record.GetValueOrDefault(name)) ?? 0m;
                    }

                    record[sumRule.Target] = Typed(context, plans, sumRule.Target, result);
                    break;
                case NotBeforeRule notBefore:
                    ApplyNotBefore(context, record, notBefore);
                    break;
                case PresentWhenRule presentWhen:
                    var shouldExist = record.TryGetValue(presentWhen.Field, out var fieldValue) && fieldValue is string s && presentWhen.Values.Contains(s);
                    if (!shouldExist)
                    {
                        record.Remove(presentWhen.Target);
                    }
                    else if (!record.ContainsKey(presentWhen.Target) && plans.TryGetValue(presentWhen.Target, out var plan))
                    {
                        record[presentWhen.Target] = plan.Generate(context, record);
                        MoveToSchemaPosition(record, presentWhen.Target, plans);
                    }

                    break;
                case PositiveWhenRule positive:
                    if (record.TryGetValue(positive.Flag, out var flag) && flag is bool on && plans.TryGetValue(positive.Target, out var targetPlan))
                    {
                        var min = (long)Math.Max(1, targetPlan.Definition.Min ?? 1);
                        var max = (long)(targetPlan.Definition.Max ?? min + 100);
                        var current = record.GetValueOrDefault(positive.Target) as long?;
                        record[positive.Target] = on ? (current > 0 ? current : context.Random.Long(min, Math.Max(min, max))) : 0L;
                    }

                    break;
                case ExactlyOneTrueRule exactlyOne:
                    if (record.TryGetValue(exactlyOne.Items, out var entries) && entries is List<object?> { Count: > 0 } entryList)
                    {
                        var chosen = context.Random.Number(0, entryList.Count - 1);
                        for (var i = 0; i < entryList.Count; i++)
                        {
                            if (entryList[i] is DataRecord entry)
                            {
                                entry[exactlyOne.Field] = i == chosen ? Boxed.True : Boxed.False;
                            }
                        }
                    }

                    break;
            }
        }
    }

    private static void ApplyNotBefore(GenerationContext context, DataRecord record, NotBeforeRule rule)
    {
        if (!record.TryGetValue(rule.Target, out var target) || target is not string targetText ||
            !record.TryGetValue(rule.Reference, out var reference) || reference is not string referenceText ||
            Values.AsInstant(referenceText) is not { } start)
        {
            return;
        }

        var room = rule.MaxGapHours * 3600;
        if (!rule.AllowFuture)
        {
            room = Math.Max(0, Math.Min(room, (context.ReferenceTime - start).TotalSeconds));
        }

        var least = Math.Min(rule.MinGapHours * 3600, room);
        var instant = start.AddSeconds(context.Random.Long((long)least, (long)room));
        record[rule.Target] = targetText.Length == 10 ? IsoText.Date(instant) : IsoText.DateTime(instant);
    }

    /// <summary>A derived number in its field's type: integers stay integers, amounts are rounded to the currency's minor units once.</summary>
    private static object Typed(GenerationContext context, IReadOnlyDictionary<string, FieldPlan> plans, string target, decimal value, bool roundDown = false)
    {
        if (plans.TryGetValue(target, out var plan) && plan.Definition.Kind == FieldKind.Integer)
        {
            return (long)(roundDown ? Math.Floor(value) : Math.Round(value, MidpointRounding.AwayFromZero));
        }

        return roundDown ? Money.Floor(value, context.MinorUnits) : Money.Round(value, context.MinorUnits);
    }

    private static void MoveToSchemaPosition(DataRecord record, string name, IReadOnlyDictionary<string, FieldPlan> plans)
    {
        // Keep schema order: a field added late goes back where the schema puts it.
        var value = record[name];
        record.Remove(name);
        var position = 0;
        foreach (var key in plans.Keys)
        {
            if (key == name)
            {
                break;
            }

            if (record.ContainsKey(key))
            {
                position++;
            }
        }

        record.Insert(position, name, value);
    }
}
