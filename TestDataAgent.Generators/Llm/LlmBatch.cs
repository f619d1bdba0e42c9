using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Llm;

/// <summary>A run of consecutive records of one scenario, asked of a model in one call.</summary>
/// <param name="Number">0-based position among the request's batches.</param>
/// <param name="Scenario">The scenario every record of the batch belongs to.</param>
/// <param name="FirstIndex">The global index of the batch's first record.</param>
/// <param name="Count">How many records the batch holds.</param>
public sealed record LlmBatch(int Number, ScenarioPlan Scenario, long FirstIndex, int Count)
{
    /// <summary>
    /// Splits a request into batches of at most <paramref name="size"/> records, after its first <paramref name="skip"/>
    /// records (served from a pool); no batch spans two scenarios.
    /// </summary>
    public static IReadOnlyList<LlmBatch> Plan(GenerationRequest request, int size, int skip = 0)
    {
        var batches = new List<LlmBatch>();
        var index = 0L;
        foreach (var scenario in request.Scenarios)
        {
            var start = (int)Math.Clamp(skip - index, 0, scenario.Count);
            index += start;
            for (var offset = start; offset < scenario.Count; offset += size)
            {
                var count = Math.Min(size, scenario.Count - offset);
                batches.Add(new LlmBatch(batches.Count, scenario, index, count));
                index += count;
            }
        }

        return batches;
    }

    /// <summary>The scenario of the record at global <paramref name="index"/>.</summary>
    public static ScenarioPlan ScenarioAt(GenerationRequest request, long index)
    {
        foreach (var scenario in request.Scenarios)
        {
            if (index < scenario.Count)
            {
                return scenario;
            }

            index -= scenario.Count;
        }

        return request.Scenarios[^1];
    }
}
