using CsCheck;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// For any built-in schema, any seed and any valid constraints on its free (not derived) fields, every record satisfies
/// the schema and the constraints and is fully coherent.
/// </summary>
public sealed class GenerationPropertyTests
{
    private static readonly IReadOnlyList<EntitySchema> s_schemas = TestRequests.Registry.List();

    [Fact]
    public void EveryRecordIsValidAndCoherentUnderRandomConstraintsAndSeeds()
    {
        var cases =
            from schemaIndex in Gen.Int[0, s_schemas.Count - 1]
            from seed in Gen.Long
            from picks in Gen.Int[0, 1000].Array[6]
            select (Schema: s_schemas[schemaIndex], Seed: seed, Picks: picks);

        cases.Sample(c =>
        {
            var constraints = RandomConstraints(c.Schema, c.Picks);
            var request = TestRequests.Validator().Validate(new GenerationRequestInput
            {
                Entity = c.Schema.Name,
                Count = 40,
                Seed = c.Seed,
                Constraints = constraints,
            }, RequestMode.Unary);

            var validator = new RecordValidator();
            var scorer = new CoherenceScorer();
            foreach (var record in TestRequests.Generate(request))
            {
                var violations = validator.Validate(record, request.Schema, 0);
                Assert.True(violations.Count == 0, $"{c.Schema.Name} seed {c.Seed}: {string.Join("; ", violations)}");
                Assert.Equal(1.0, scorer.Score(record, request.Schema));
            }
        }, iter: 150, threads: 1);
    }

    /// <summary>A numeric sub-range and an enum subset on fields that no rule derives, chosen by <paramref name="picks"/>.</summary>
    private static Dictionary<string, FieldConstraintInput> RandomConstraints(EntitySchema schema, int[] picks)
    {
        var derived = schema.Derivations.Select(d => d.Target).ToHashSet(StringComparer.Ordinal);
        var free = schema.Fields.Where(f => !derived.Contains(f.Name) && schema.Derivations.All(d => d is not PositiveWhenRule p || p.Flag != f.Name)).ToList();
        var constraints = new Dictionary<string, FieldConstraintInput>(StringComparer.Ordinal);

        var numbers = free.Where(f => f.Kind is FieldKind.Integer or FieldKind.Float && f.Values.Count == 0).ToList();
        if (numbers.Count > 0)
        {
            var field = numbers[picks[0] % numbers.Count];
            var low = field.Min ?? 0;
            var high = field.Max ?? low + 100;
            var a = low + ((high - low) * picks[1] / 1000.0);
            var b = a + ((high - a) * picks[2] / 1000.0);
            constraints[field.Name] = field.Kind == FieldKind.Integer
                ? new FieldConstraintInput { Min = Math.Floor(a), Max = Math.Max(Math.Floor(a), Math.Floor(b)) }
                : new FieldConstraintInput { Min = Math.Round(a, 2), Max = Math.Round(Math.Max(a, b), 2) };
        }

        var enums = free.Where(f => f.Kind == FieldKind.Enum && f.Values.Count > 1).ToList();
        if (enums.Count > 0)
        {
            var field = enums[picks[3] % enums.Count];
            var keep = field.Values.Where((_, i) => ((picks[4] >> (i % 10)) & 1) == 1).ToList();
            constraints[field.Name] = new FieldConstraintInput { EnumValues = keep.Count > 0 ? keep : [field.Values[picks[5] % field.Values.Count]] };
        }

        return constraints;
    }
}
