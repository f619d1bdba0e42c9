using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// A request's scenarios with their final counts: explicit counts win, scenarios without one share what <c>count</c>
/// leaves, names are unique, and overrides are converted to the fields' types. An override of a top-level field the
/// schema lacks adds that field (as the original's clients expect), with a warning.
/// </summary>
public static class ScenarioPlanner
{
    public static List<ScenarioPlan> Plan(GenerationRequestInput input, ref EntitySchema schema, List<string> warnings, int maxAddedFields = 64)
    {
        if (input.Count < 0)
        {
            throw new InvalidRequestException("count", $"count must be at least 1, got {input.Count}");
        }

        if (input.Scenarios.Count == 0)
        {
            return input.Count >= 1
                ? [new ScenarioPlan("default", input.Count, "", new Dictionary<string, object?>())]
                : throw new InvalidRequestException("count", $"count must be at least 1, got {input.Count}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var explicitSum = 0L;
        var withoutCount = 0;
        for (var i = 0; i < input.Scenarios.Count; i++)
        {
            var scenario = input.Scenarios[i];
            var name = scenario.Name.Length == 0 ? "default" : scenario.Name;
            if (!names.Add(name))
            {
                throw new InvalidRequestException($"scenarios[{i}].name", $"scenarios[{i}].name '{name}' is used by an earlier scenario; names must be unique");
            }

            if (scenario.Count < 0)
            {
                throw new InvalidRequestException($"scenarios[{i}].count", $"scenarios[{i}].count must not be negative, got {scenario.Count}");
            }

            explicitSum += scenario.Count;
            withoutCount += scenario.Count == 0 ? 1 : 0;
        }

        // Scenarios without a count share what `count` leaves after the explicit ones; explicit counts always win.
        var remainder = Math.Max(0L, input.Count - explicitSum);
        if (withoutCount > 0 && remainder == 0)
        {
            throw new InvalidRequestException("count", $"{withoutCount} scenario(s) have no count and count leaves no records for them; give each scenario a count or raise count");
        }

        if (withoutCount == 0 && input.Count > 0 && input.Count != explicitSum)
        {
            warnings.Add($"count {input.Count} differs from the sum of scenario counts {explicitSum}; the scenario counts were used");
        }

        schema = AddOverriddenFields(input.Scenarios, schema, warnings, maxAddedFields);
        var plans = new List<ScenarioPlan>(input.Scenarios.Count);
        var shared = 0;
        for (var i = 0; i < input.Scenarios.Count; i++)
        {
            var scenario = input.Scenarios[i];
            var count = scenario.Count;
            if (count == 0)
            {
                count = (int)(remainder / withoutCount) + (shared < remainder % withoutCount ? 1 : 0);
                shared++;
            }

            var name = scenario.Name.Length == 0 ? "default" : scenario.Name;
            plans.Add(new ScenarioPlan(name, count, scenario.Description, OverrideConverter.Convert(schema, scenario.Overrides, $"scenarios[{i}].overrides")));
        }

        return plans;
    }

    private static EntitySchema AddOverriddenFields(IReadOnlyList<ScenarioInput> scenarios, EntitySchema schema, List<string> warnings, int maxAddedFields)
    {
        var added = scenarios
            .SelectMany((s, i) => s.Overrides.Select(o => (Scenario: s.Name.Length == 0 ? "default" : s.Name, o.Key, o.Value)))
            .Where(o => !o.Key.Contains('.', StringComparison.Ordinal) && o.Key.Length > 0 && !OverrideConverter.IsField(schema, o.Key))
            .GroupBy(o => o.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (added.Count == 0)
        {
            return schema;
        }

        if (added.Count > maxAddedFields)
        {
            throw new InvalidRequestException("scenarios.overrides", $"scenario overrides name {added.Count} fields that are not fields of {schema.Name} (such as '{added[0].Key}'); at most {maxAddedFields} may be added (Generation:MaxAddedFields)");
        }

        var fields = new List<FieldDefinition>(schema.Fields);
        foreach (var group in added)
        {
            var field = OverrideConverter.AddedField(group.Key, group.Select(o => o.Value).ToList());
            fields.Add(field);
            var names = string.Join(", ", group.Select(o => $"'{o.Scenario}'").Distinct());
            warnings.Add($"scenario overrides: '{group.Key}' is not a field of {schema.Name}; it was added as a {field.Kind.ToName()} field with the given value to the records of scenario {names} and left out of the others");
        }

        return schema with { Fields = fields };
    }
}
