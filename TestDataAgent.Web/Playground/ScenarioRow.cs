using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Web.Playground;

/// <summary>One scenario as the form edits it: a name, how many records, and <c>field=value</c> overrides, one a line.</summary>
public sealed class ScenarioRow
{
    public string Name { get; set; } = "";

    public int Count { get; set; } = 1;

    public string Overrides { get; set; } = "";

    public Scenario ToScenario()
    {
        var scenario = new Scenario { Name = Name.Trim(), Count = Count };
        foreach (var line in Overrides.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Scenario '{Name}': the override '{line}' is not field=value.");
            }

            scenario.Overrides[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return scenario;
    }
}
