using System.Runtime.CompilerServices;
using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Bogus rules compiled from the schema, one seeded <see cref="Bogus.Faker"/> per request. Records are coherent by
/// construction (the schema's <c>derive</c> rules), IDs are unique, and the same seed gives the same records.
/// </summary>
public sealed class TraditionalGenerator(ThemeCatalog catalog, RecordValidator validator) : IRecordGenerator
{
    // Constraints on derived fields (a cart total under 50) are met by drawing the record again, a bounded number of times.
    private const int MaxAttemptsPerRecord = 200;

    // Give the thread back now and then so a long stream never monopolises it; the value only affects scheduling.
    private const int YieldEvery = 2048;

    public GenerationPath Path => GenerationPath.Traditional;

    public bool IsAvailable => true;

    public string UnavailableReason => "";

    public async IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var context = new GenerationContext(request.Seed, request.ReferenceTime, catalog, request.Hints.Contains(HintNames.EdgeCase));
        var plans = new FieldCompiler(context, request.Count, request.Schema.Derivations).CompileFields(request.Schema.Fields);
        var plansByName = plans.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var derivations = request.Schema.Derivations;
        var index = 0L;
        foreach (var scenario in request.Scenarios)
        {
            for (var i = 0; i < scenario.Count; i++)
            {
                if (index % YieldEvery == YieldEvery - 1)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await Task.Yield();
                }

                var record = Make(context, index, plans, plansByName, derivations, scenario.Overrides);
                for (var attempt = 1; request.Constrained && validator.Validate(record, request.Schema, index) is [var first, ..]; attempt++)
                {
                    if (attempt == MaxAttemptsPerRecord)
                    {
                        throw new InvalidRequestException($"constraints.field_constraints[{first.Field}]",
                            $"the constraints cannot be met: after {MaxAttemptsPerRecord} attempts {first.Message}; widen the bounds");
                    }

                    record = Make(context, index, plans, plansByName, derivations, scenario.Overrides);
                }

                record[DataRecord.ScenarioField] = scenario.Name;
                record[DataRecord.IndexField] = index;
                index++;
                yield return record;
            }
        }
    }

    private static DataRecord Make(GenerationContext context, long index, IReadOnlyList<FieldPlan> plans, Dictionary<string, FieldPlan> plansByName,
        IReadOnlyList<Schemas.DerivationRule> derivations, IReadOnlyDictionary<string, object?> overrides)
    {
        var record = new DataRecord(plans.Count + 2);
        context.BeginRecord(index, record);
        RecordBuilder.Fill(context, record, plans, overrides);
        if (overrides.Count > 0)
        {
            RecordBuilder.ApplyNestedOverrides(record, overrides);
        }

        DerivationEngine.Apply(context, record, derivations, plansByName, overrides);
        return record;
    }
}
