using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Traditional;

/// <summary>Fills one object from its field plans, applying the scenario's overrides in place of generated values.</summary>
internal static class RecordBuilder
{
    public static void Fill(GenerationContext context, DataRecord target, IReadOnlyList<FieldPlan> plans, IReadOnlyDictionary<string, object?>? overrides)
    {
        var deferred = false;
        for (var p = 0; p < plans.Count; p++)
        {
            var plan = plans[p];
            if (plan.Deferred)
            {
                deferred = true;
                continue;
            }

            FillOne(context, target, plan, overrides);
        }

        if (!deferred)
        {
            return;
        }

        // Fields that read their siblings come last, then move back to their schema position.
        for (var i = 0; i < plans.Count; i++)
        {
            if (plans[i].Deferred && FillOne(context, target, plans[i], overrides))
            {
                var value = target[plans[i].Name];
                target.Remove(plans[i].Name);
                var position = 0;
                for (var j = 0; j < i; j++)
                {
                    position += target.ContainsKey(plans[j].Name) ? 1 : 0;
                }

                target.Insert(position, plans[i].Name, value);
            }
        }
    }

    private static bool FillOne(GenerationContext context, DataRecord target, FieldPlan plan, IReadOnlyDictionary<string, object?>? overrides)
    {
        if (overrides is not null && overrides.TryGetValue(plan.OverrideKey, out var forced))
        {
            target[plan.Name] = Resolve(forced, context);
            return true;
        }

        // Draw presence first, always, so an override elsewhere never shifts the random sequence of later fields.
        var present = plan.PresenceProbability >= 1.0 || context.Random.Bool((float)plan.PresenceProbability);
        if (present)
        {
            target[plan.Name] = plan.Generate(context, target);
        }

        return present;
    }

    /// <summary>An override's value for one record: a copy of a fixed value, or a draw from a range.</summary>
    public static object? Resolve(object? forced, GenerationContext context) =>
        forced is OverrideRange range ? range.Draw(context.Random) : DeepCopy(forced);

    /// <summary>Applies overrides on nested paths (<c>shipping_address.state</c>, <c>items.quantity</c>).</summary>
    public static void ApplyNestedOverrides(GenerationContext context, DataRecord record, IReadOnlyDictionary<string, object?> overrides)
    {
        foreach (var (path, value) in overrides)
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                Apply(context, record, path.Split('.'), 0, value);
            }
        }
    }

    private static void Apply(GenerationContext context, object? node, string[] parts, int depth, object? value)
    {
        switch (node)
        {
            case DataRecord record when depth == parts.Length - 1:
                record[parts[depth]] = Resolve(value, context);
                break;
            case DataRecord record:
                if (record.TryGetValue(parts[depth], out var child))
                {
                    Apply(context, child, parts, depth + 1, value);
                }

                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    Apply(context, item, parts, depth, value);
                }

                break;
        }
    }

    public static object? DeepCopy(object? value) => value switch
    {
        DataRecord record => CopyRecord(record),
        List<object?> list => list.Select(DeepCopy).ToList(),
        _ => value,
    };

    private static DataRecord CopyRecord(DataRecord record)
    {
        var copy = new DataRecord(record.Count);
        foreach (var (key, value) in record)
        {
            copy[key] = DeepCopy(value);
        }

        return copy;
    }
}
