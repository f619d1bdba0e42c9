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
    /// How many records one call asks for when <paramref name="records"/> are asked of models: spread over the request's
    /// concurrency (so they all run in one round when they can), between <see cref="LlmOptions.MinBatchSize"/> and
    /// <see cref="LlmOptions.BatchSize"/>.
    /// </summary>
    public static int SizeFor(long records, LlmOptions settings)
    {
        var spread = (records + settings.MaxConcurrency - 1) / settings.MaxConcurrency;
        return (int)Math.Clamp(spread, Math.Min(settings.MinBatchSize, settings.BatchSize), settings.BatchSize);
    }

    /// <summary>
    /// Splits the records <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of a request (the
    /// first ones may come from a pool, the last ones past a budget) into batches of at most <paramref name="size"/>
    /// records; no batch spans two scenarios.
    /// </summary>
    public static IReadOnlyList<LlmBatch> Plan(GenerationRequest request, int size, long skip = 0, long take = long.MaxValue)
    {
        var batches = new List<LlmBatch>();
        var end = skip + Math.Min(take, request.Count - skip);
        var index = 0L;
        foreach (var scenario in request.Scenarios)
        {
            var scenarioEnd = index + scenario.Count;
            for (var first = Math.Max(index, skip); first < Math.Min(scenarioEnd, end); first += size)
            {
                var count = (int)Math.Min(size, Math.Min(scenarioEnd, end) - first);
                batches.Add(new LlmBatch(batches.Count, scenario, first, count));
            }

            index = scenarioEnd;
        }

        return batches;
    }

    /// <summary>Every global index from <paramref name="first"/> to the request's end, with its scenario.</summary>
    public static IEnumerable<(long Index, ScenarioPlan Scenario)> IndexesFrom(GenerationRequest request, long first)
    {
        var offset = 0L;
        foreach (var scenario in request.Scenarios)
        {
            for (var index = Math.Max(offset, first); index < offset + scenario.Count; index++)
            {
                yield return (index, scenario);
            }

            offset += scenario.Count;
        }
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
