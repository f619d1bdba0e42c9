using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

public sealed class SeedCorpusTests
{
    [Fact]
    public void EverySeedRecordIsValidAndCoherentForItsEntitysSchema()
    {
        var validator = new RecordValidator();
        var seeds = SeedCorpus.Load();

        Assert.NotEmpty(seeds);
        Assert.All(seeds, seed =>
        {
            Assert.True(TestRequests.Registry.TryGet(seed.Entity, out var schema), seed.Id);
            Assert.Empty(validator.Validate(seed.Record, schema, 0));
            // Satisfied where the record holds what the rule is about; "not applicable" (null) only where it does not.
            Assert.All(schema.Derivations, rule => Assert.Equal(PlantedViolations.Applies(rule, seed.Record) ? true : null, CoherenceScorer.Check(seed.Record, rule)));
        });
    }

    [Fact]
    public void TheCorpusHasPatternsDefectsAndSamplesForEveryCoreEntityWithUniqueIds()
    {
        var seeds = SeedCorpus.Load();

        Assert.Equal(seeds.Count, seeds.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var entity in TestRequests.CoreEntities)
        {
            Assert.True(seeds.Count(s => s.Entity == entity && s.Kind == PatternCategory.Pattern) >= 3, entity);
            Assert.True(seeds.Count(s => s.Entity == entity && s.Kind == PatternCategory.Defect) >= 3, entity);
            Assert.Contains(seeds, s => s.Entity == entity && s.Kind == PatternCategory.ProductionSample && Distributions.Parse(s.Distributions).Count > 0);
        }
    }
}
