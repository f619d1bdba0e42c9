using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// A request's scenarios with their final counts: explicit counts win, scenarios without one share what <c>count</c>
/// leaves, names are unique, and overrides are converted to the fields' types.
/// </summary>
public static class ScenarioPlanner
{
    public static List<ScenarioPlan> Plan(GenerationRequestInput input, EntitySchema schema, List<string> warnings)
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
}
