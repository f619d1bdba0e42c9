using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The coherence scorer judged on its own: for every derive rule of every built-in schema, a generated record that
/// satisfies it is broken on purpose by the rule's declared meaning, and both <see cref="CoherenceScorer.Check"/> and
/// the score must see it.
/// </summary>
public sealed class CoherenceScorerTests
{
    private readonly CoherenceScorer _scorer = new();

    public static TheoryData<string, int> EveryBuiltInRule()
    {
        var rows = new TheoryData<string, int>();
        foreach (var schema in TestRequests.Registry.List())
        {
            for (var i = 0; i < schema.Derivations.Count; i++)
            {
                rows.Add(schema.Name, i);
            }
        }

        return rows;
    }

    [Fact]
    public void EveryDeriveRuleKindIsUsedByABuiltInSchemaSoTheTheoryCoversIt()
    {
        var kinds = typeof(DerivationRule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DerivationRule)) && !t.IsAbstract).ToHashSet();

        var used = TestRequests.Registry.List().SelectMany(s => s.Derivations).Select(d => d.GetType()).ToHashSet();

        Assert.Equal(9, kinds.Count);
        Assert.Subset(used, kinds);
    }

    [Theory]
    [MemberData(nameof(EveryBuiltInRule))]
    public void APlantedViolationOfTheRuleIsCaught(string entity, int ruleIndex)
    {
        var schema = TestRequests.Schema(entity);
        var rule = schema.Derivations[ruleIndex];
        var applicable = TestRequests.Generate(entity, 60, seed: 5).Where(r => PlantedViolations.Applies(rule, r)).Take(5).ToList();
        Assert.NotEmpty(applicable);

        foreach (var record in applicable)
        {
            var broken = PlantedViolations.Copy(record);
            PlantedViolations.ForRule(rule, broken)!(broken);

            Assert.Equal(true, CoherenceScorer.Check(record, rule));
            Assert.Equal(1.0, _scorer.Score(record, schema));
            Assert.Equal(false, CoherenceScorer.Check(broken, rule));
            Assert.True(_scorer.Score(broken, schema) < 1.0, $"{entity}: {rule} broken, still scored 1.0");
        }
    }

    [Fact]
    public void PresentWhenIsCaughtBothWays()
    {
        var schema = TestRequests.Schema("payment");
        var rule = schema.Derivations.OfType<PresentWhenRule>().First(r => r.Target == "card_last_four");
        var payments = TestRequests.Generate("payment", 60, seed: 5);
        var byCard = payments.First(p => rule.Values.Contains((string)p[rule.Field]!));
        var otherwise = payments.First(p => !rule.Values.Contains((string)p[rule.Field]!));

        var missing = PlantedViolations.Copy(byCard);
        missing.Remove(rule.Target);
        var unexpected = PlantedViolations.Copy(otherwise);
        unexpected[rule.Target] = "4242";

        Assert.Equal(false, CoherenceScorer.Check(missing, rule));
        Assert.Equal(false, CoherenceScorer.Check(unexpected, rule));
    }

    [Fact]
    public void AmountsWithinACentAreCoherentAndBeyondItAreNot()
    {
        var schema = TestRequests.Schema("cart");
        var total = schema.Derivations.OfType<SumRule>().Single();
        var cart = TestRequests.Generate("cart", 1, seed: 5)[0];

        var withinACent = PlantedViolations.Copy(cart);
        withinACent[total.Target] = (decimal)cart[total.Target]! + 0.01m;
        var twoCentsOff = PlantedViolations.Copy(cart);
        twoCentsOff[total.Target] = (decimal)cart[total.Target]! + 0.02m;

        Assert.Equal(true, CoherenceScorer.Check(withinACent, total));
        Assert.Equal(false, CoherenceScorer.Check(twoCentsOff, total));
    }

    [Fact]
    public void ARuleWhoseFieldsAreAbsentIsNotApplicableRatherThanPassed()
    {
        var schema = TestRequests.Schema("cart");
        var updated = schema.Derivations.OfType<NotBeforeRule>().Single();
        var cart = PlantedViolations.Copy(TestRequests.Generate("cart", 1, seed: 5)[0]);
        cart.Remove(updated.Target);

        Assert.Null(CoherenceScorer.Check(cart, updated));
    }
    [Fact]
    public void AnItemWithoutAPriceOrThatIsNotARecordBreaksASumOfItems()
    {
        var rule = TestRequests.Schema("cart").Derivations.OfType<SumOfItemsRule>().First();
        var record = TestRequests.Generate("cart", 20, seed: 3).First(r => r.GetValueOrDefault(rule.Items) is List<object?> { Count: > 0 });
        var missingPrice = PlantedViolations.Copy(record);
        ((Generators.Generation.DataRecord)((List<object?>)missingPrice[rule.Items]!)[0]!).Remove(rule.Price);
        var notARecord = PlantedViolations.Copy(record);
        ((List<object?>)notARecord[rule.Items]!)[0] = "item";

        Assert.Equal(true, CoherenceScorer.Check(record, rule));
        Assert.Equal(false, CoherenceScorer.Check(missingPrice, rule));
        Assert.Equal(false, CoherenceScorer.Check(notARecord, rule));
    }
}
