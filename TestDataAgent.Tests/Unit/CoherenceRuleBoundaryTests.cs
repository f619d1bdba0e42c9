using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Tests.Unit;

/// <summary>Each coherence check on hand-made records at the edges of its tolerance, and when a rule does not apply.</summary>
public sealed class CoherenceRuleBoundaryTests
{
    private static DataRecord Line(object? quantity, object? price) => new() { ["q"] = quantity, ["p"] = price };

    private static bool? SumOfItems(object? subtotal, params object?[] items) =>
        CoherenceScorer.Check(new DataRecord { ["items"] = new List<object?>(items), ["subtotal"] = subtotal }, new SumOfItemsRule("subtotal", "items", "q", "p"));

    [Fact]
    public void ASumOfItemsHoldsWithinACent()
    {
        Assert.Equal(true, SumOfItems(9.01m, Line(2L, 1.5m), Line(3L, 2m)));
        Assert.Equal(true, SumOfItems(8.99m, Line(2L, 1.5m), Line(3L, 2m)));
        Assert.Equal(false, SumOfItems(9.02m, Line(2L, 1.5m), Line(3L, 2m)));
        Assert.Equal(false, SumOfItems(8.98m, Line(2L, 1.5m), Line(3L, 2m)));
        Assert.Equal(false, SumOfItems(3m, Line(2L, 1.5m), Line(3L, 2m)));
        Assert.Equal(true, SumOfItems(0m));
        Assert.Equal(false, SumOfItems(3m, Line(2L, 1.5m), Line(null, 2m)));
        Assert.Null(SumOfItems(null, Line(2L, 1.5m)));
        Assert.Null(CoherenceScorer.Check(new DataRecord { ["items"] = "x", ["subtotal"] = 1m }, new SumOfItemsRule("subtotal", "items", "q", "p")));
    }

    private static bool? PercentOf(object? part, double min, double max, double zero = 0, object? baseValue = null) =>
        CoherenceScorer.Check(new DataRecord { ["base"] = baseValue ?? 1000m, ["part"] = part }, new PercentOfRule("part", "base", min, max, zero));

    [Fact]
    public void APercentOfHoldsWithinACentOfItsRange()
    {
        Assert.Equal(true, PercentOf(99.99m, 10, 20));
        Assert.Equal(false, PercentOf(99.98m, 10, 20));
        Assert.Equal(true, PercentOf(200.01m, 10, 20));
        Assert.Equal(false, PercentOf(200.02m, 10, 20));
        Assert.Equal(true, PercentOf(150.00m, 10, 20));
    }

    [Fact]
    public void APercentOfInWholeUnitsHoldsWithinHalfAUnit()
    {
        Assert.Equal(true, PercentOf(100m, 10.05, 10.05));
        Assert.Equal(true, PercentOf(101m, 10.05, 10.05));
        Assert.Equal(false, PercentOf(99m, 10.05, 10.05));
        Assert.Equal(false, PercentOf(102m, 10.05, 10.05));
        Assert.Equal(false, PercentOf(100.00m, 10.05, 10.05));
        Assert.Equal(false, PercentOf(101.00m, 10.05, 10.05));
    }

    [Fact]
    public void APercentOfIsZeroOnlyWhenZeroIsAllowed()
    {
        Assert.Equal(true, PercentOf(0m, 10, 20, zero: 0.1));
        Assert.Equal(false, PercentOf(0m, 10, 20));
        Assert.Equal(false, PercentOf(1m, 10, 20, zero: 0.1));
        Assert.Null(PercentOf(null, 10, 20));
        Assert.Null(PercentOf(5m, 10, 20, baseValue: "lots"));
    }

    private static bool? Product(object? total, object? price = null) =>
        CoherenceScorer.Check(new DataRecord { ["q"] = 3L, ["p"] = price ?? 2.5m, ["t"] = total }, new ProductRule("t", ["q", "p"]));

    [Fact]
    public void AProductHoldsWithinACent()
    {
        Assert.Equal(true, Product(7.51m));
        Assert.Equal(true, Product(7.49m));
        Assert.Equal(false, Product(7.52m));
        Assert.Equal(false, Product(7.48m));
        Assert.Equal(false, Product(5.5m));
        Assert.Null(Product(null));
        Assert.Null(Product(7.5m, price: "n/a"));
    }

    [Fact]
    public void AnAtMostHoldsUpToItsLimit()
    {
        static bool? AtMost(object? value, object? limit) => CoherenceScorer.Check(new DataRecord { ["v"] = value, ["l"] = limit }, new AtMostRule("v", "l"));

        Assert.Equal(true, AtMost(40m, 40m));
        Assert.Equal(true, AtMost(-1L, 40m));
        Assert.Equal(false, AtMost(40.01m, 40m));
        Assert.Null(AtMost(null, 40m));
        Assert.Null(AtMost(1m, null));
    }

    [Fact]
    public void ASumHoldsWithinACentAndCountsAMissingTermAsZero()
    {
        static bool? Sum(object? total) => CoherenceScorer.Check(new DataRecord { ["a"] = 10L, ["b"] = 5.25m, ["c"] = 3L, ["total"] = total },
            new SumRule("total", ["a", "b", "missing"], ["c"]));

        Assert.Equal(true, Sum(12.26m));
        Assert.Equal(true, Sum(12.24m));
        Assert.Equal(false, Sum(12.27m));
        Assert.Equal(false, Sum(12.23m));
        Assert.Equal(false, Sum(18.25m));
        Assert.Null(Sum(null));
    }

    private static bool? NotBefore(string? later, string? earlier, double min = 1, double max = 48) =>
        CoherenceScorer.Check(new DataRecord { ["later"] = later, ["earlier"] = earlier }, new NotBeforeRule("later", "earlier", min, max, AllowFuture: false));

    [Fact]
    public void ANotBeforeHoldsWithinItsGapToTheSecond()
    {
        Assert.Equal(true, NotBefore("2026-05-01T01:00:00Z", "2026-05-01T00:00:00Z"));
        Assert.Equal(true, NotBefore("2026-05-03T00:00:00Z", "2026-05-01T00:00:00Z"));
        Assert.Equal(false, NotBefore("2026-05-01T00:59:58Z", "2026-05-01T00:00:00Z"));
        Assert.Equal(false, NotBefore("2026-05-03T00:00:02Z", "2026-05-01T00:00:00Z"));
        Assert.Equal(false, NotBefore("2026-04-30T00:00:00Z", "2026-05-01T00:00:00Z"));
        Assert.Null(NotBefore(null, "2026-05-01T00:00:00Z"));
        Assert.Null(NotBefore("2026-05-01T00:00:00Z", "never"));
    }

    [Fact]
    public void ANotBeforeWithADateIsJudgedToTheDay()
    {
        Assert.Equal(true, NotBefore("2026-05-01", "2026-05-01T12:00:00Z"));
        Assert.Equal(true, NotBefore("2026-05-04T00:00:00Z", "2026-05-01", min: 0, max: 48));
        Assert.Equal(false, NotBefore("2026-05-04T00:00:01Z", "2026-05-01", min: 0, max: 48));
        Assert.Equal(false, NotBefore("2026-04-29", "2026-05-01T00:00:00Z", min: 0));
    }

    [Theory]
    [InlineData("card", "4242", true)]
    [InlineData("card", null, false)]
    [InlineData("cash", null, true)]
    [InlineData("cash", "4242", false)]
    [InlineData(null, null, true)]
    public void APresentWhenHoldsWhenTheFieldIsThereExactlyForItsValues(string? method, string? lastFour, bool expected)
    {
        var record = new DataRecord { ["method"] = method, ["last_four"] = lastFour };

        Assert.Equal(expected, CoherenceScorer.Check(record, new PresentWhenRule("last_four", "method", ["card", "debit"])));
    }

    [Theory]
    [InlineData(true, 1L, true)]
    [InlineData(true, 0L, false)]
    [InlineData(false, 0L, true)]
    [InlineData(false, 1L, false)]
    [InlineData(true, -1L, false)]
    public void APositiveWhenHoldsWhenTheAmountIsPositiveExactlyWhenTheFlagIsOn(bool flag, long amount, bool expected)
    {
        Assert.Equal(expected, CoherenceScorer.Check(new DataRecord { ["on"] = flag, ["n"] = amount }, new PositiveWhenRule("n", "on")));
    }

    [Fact]
    public void APositiveWhenWithoutAFlagOrAnAmountDoesNotApply()
    {
        Assert.Null(CoherenceScorer.Check(new DataRecord { ["on"] = "yes", ["n"] = 1L }, new PositiveWhenRule("n", "on")));
        Assert.Null(CoherenceScorer.Check(new DataRecord { ["on"] = true }, new PositiveWhenRule("n", "on")));
    }

    [Fact]
    public void ExactlyOneTrueHoldsForOneAndNotForNoneOrTwo()
    {
        static bool? Check(params object?[] entries) => CoherenceScorer.Check(new DataRecord { ["list"] = new List<object?>(entries) }, new ExactlyOneTrueRule("list", "primary"));

        DataRecord Entry(object? primary) => new() { ["primary"] = primary };

        Assert.Equal(true, Check(Entry(false), Entry(true), "x"));
        Assert.Equal(false, Check(Entry(true), Entry(true)));
        Assert.Equal(false, Check(Entry(false), Entry("true")));
        Assert.Null(Check());
        Assert.Null(CoherenceScorer.Check(new DataRecord(), new ExactlyOneTrueRule("list", "primary")));
    }

    [Fact]
    public void TheScoreIsTheShareOfApplicableRulesThatHold()
    {
        var scorer = new CoherenceScorer();
        var record = new DataRecord { ["v"] = 5m, ["l"] = 10m, ["w"] = 20m };
        EntitySchema Schema(params DerivationRule[] rules) => new() { Name = "s", Fields = [], Derivations = rules };

        Assert.Equal(1.0, scorer.Score(record, Schema()));
        Assert.Equal(1.0, scorer.Score(record, Schema(new AtMostRule("v", "l"), new AtMostRule("v", "missing"))));
        Assert.Equal(0.5, scorer.Score(record, Schema(new AtMostRule("v", "l"), new AtMostRule("w", "l"))));
        Assert.Equal(0.0, scorer.Score(record, Schema(new AtMostRule("w", "l"), new AtMostRule("v", "missing"))));
        Assert.Equal(1.0, scorer.Score(record, Schema(new AtMostRule("v", "missing"))));
        Assert.Equal(2.0 / 3, scorer.Score(record, Schema(new AtMostRule("v", "l"), new AtMostRule("v", "w"), new AtMostRule("w", "l"))));
    }
}
