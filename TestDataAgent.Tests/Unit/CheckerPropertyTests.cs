using CsCheck;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The judges reject what the generator would never make: for any built-in schema, seed and record, breaking one of
/// its fields outside the schema's rule, or one of its derive rules, is caught, and on that field only.
/// </summary>
public sealed class CheckerPropertyTests
{
    private static readonly IReadOnlyList<EntitySchema> s_schemas = TestRequests.Registry.List();

    private static readonly Gen<(EntitySchema Schema, long Seed, int Record, int Pick)> s_cases =
        from schemaIndex in Gen.Int[0, s_schemas.Count - 1]
        from seed in Gen.Long
        from record in Gen.Int[0, 9]
        from pick in Gen.Int[0, 1_000_000]
        select (s_schemas[schemaIndex], seed, record, pick);

    [Fact]
    public void TheValidatorRejectsAFieldBrokenOutsideItsRuleAndBlamesThatField()
    {
        var validator = new RecordValidator();
        s_cases.Sample(c =>
        {
            var record = TestRequests.Generate(c.Schema.Name, 10, c.Seed)[c.Record];
            var plants = c.Schema.Fields.SelectMany(PlantedViolations.ForField).ToList();
            var plant = plants[c.Pick % plants.Count];
            var broken = PlantedViolations.Copy(record);

            plant.Apply(broken);
            var violations = validator.Validate(broken, c.Schema, 0);

            Assert.True(violations.Any(v => v.Field == plant.Field && v.Rule == plant.Rule),
                $"{c.Schema.Name}.{plant.Field} {plant.What} (seed {c.Seed}): expected {plant.Rule}, got [{string.Join("; ", violations.Select(v => $"{v.Field}:{v.Rule}"))}]");
            Assert.All(violations, v => Assert.True(v.Field == plant.Field || v.Field.StartsWith(plant.Field + "[", StringComparison.Ordinal) || v.Field.StartsWith(plant.Field + ".", StringComparison.Ordinal),
                $"{c.Schema.Name}.{plant.Field} {plant.What} also blamed {v.Field}"));
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void TheScorerRejectsARecordBrokenOutsideADeriveRule()
    {
        var scorer = new CoherenceScorer();
        s_cases.Where(c => c.Schema.Derivations.Count > 0).Sample(c =>
        {
            var record = TestRequests.Generate(c.Schema.Name, 10, c.Seed)[c.Record];
            var breakable = c.Schema.Derivations.Select(rule => (Rule: rule, Break: PlantedViolations.ForRule(rule, record))).Where(r => r.Break is not null).ToList();
            if (breakable.Count == 0)
            {
                return;
            }

            var (rule, plant) = breakable[c.Pick % breakable.Count];
            var broken = PlantedViolations.Copy(record);

            plant!(broken);

            Assert.True(CoherenceScorer.Check(broken, rule) == false, $"{c.Schema.Name} {rule} (seed {c.Seed}) not caught");
            Assert.True(scorer.Score(broken, c.Schema) < 1.0);
        }, iter: 300, threads: 1);
    }
}
