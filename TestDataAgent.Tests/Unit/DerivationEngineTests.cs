using System.Globalization;
using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>Each derive rule on a hand-made record: the totals, bounds and orders it promises, for many seeds where it draws.</summary>
public sealed class DerivationEngineTests
{
    private static readonly IReadOnlyDictionary<string, object?> s_noOverrides = new Dictionary<string, object?>();
    private static readonly IReadOnlyDictionary<string, FieldPlan> s_noPlans = new Dictionary<string, FieldPlan>();
    private static readonly long[] s_seeds = [.. Enumerable.Range(1, 40).Select(i => (long)i)];

    private static GenerationContext Context(long seed = 7) => new(seed, TestRequests.ReferenceTime, ThemeCatalog.Default);

    private static FieldPlan Plan(string name, FieldKind kind, double? min = null, double? max = null, object? generated = null) =>
        new(new FieldDefinition { Name = name, Path = name, Kind = kind, Min = min, Max = max }, (_, _) => generated, name);

    private static Dictionary<string, FieldPlan> Plans(params FieldPlan[] plans) => plans.ToDictionary(p => p.Name, StringComparer.Ordinal);

    private static DataRecord Apply(DataRecord record, DerivationRule rule, IReadOnlyDictionary<string, FieldPlan>? plans = null,
        IReadOnlyDictionary<string, object?>? overrides = null, long seed = 7)
    {
        DerivationEngine.Apply(Context(seed), record, [rule], plans ?? s_noPlans, overrides ?? s_noOverrides);
        return record;
    }

    private static DataRecord Line(object? quantity, object? price) => new() { ["quantity"] = quantity, ["price"] = price };

    [Fact]
    public void ATotalIsTheSumOfQuantityTimesPriceOverTheLinesThatHaveBoth()
    {
        var record = new DataRecord { ["items"] = new List<object?> { Line(2L, 1.5m), Line(3L, 2m), Line(4L, null), "not a line" } };

        Apply(record, new SumOfItemsRule("total", "items", "quantity", "price"));

        Assert.Equal(9.00m, record["total"]);
    }

    [Fact]
    public void ATotalWithoutItsItemsIsNotWritten()
    {
        var record = new DataRecord { ["items"] = "not a list" };

        Apply(record, new SumOfItemsRule("total", "items", "quantity", "price"));
        Apply(record, new SumOfItemsRule("other", "missing", "quantity", "price"));

        Assert.False(record.ContainsKey("total"));
        Assert.False(record.ContainsKey("other"));
    }

    [Fact]
    public void AFieldTheScenarioOverrodeKeepsTheCallersValue()
    {
        var record = new DataRecord { ["items"] = new List<object?> { Line(2L, 1.5m) }, ["total"] = 99m };

        Apply(record, new SumOfItemsRule("total", "items", "quantity", "price"), overrides: new Dictionary<string, object?> { ["total"] = 99m });

        Assert.Equal(99m, record["total"]);
    }

    [Fact]
    public void ExactlyOneEntryIsTrueEvenWhenTheScenarioOverrodeTheList()
    {
        foreach (var seed in s_seeds)
        {
            var entries = new List<object?> { new DataRecord(), new DataRecord(), "skipped", new DataRecord() };
            var record = new DataRecord { ["addresses"] = entries };

            Apply(record, new ExactlyOneTrueRule("addresses", "primary"), overrides: new Dictionary<string, object?> { ["addresses"] = null }, seed: seed);

            var flags = entries.OfType<DataRecord>().Select(e => e.TryGetValue("primary", out var v) ? v : null).ToList();
            Assert.All(flags, f => Assert.IsType<bool>(f));
            Assert.True(flags.Count(f => f is true) <= 1, $"seed {seed}: more than one entry is primary");
            // The one chosen may be the string in the list, which cannot be flagged; over the seeds each record is chosen.
        }

        var chosen = s_seeds.Select(seed =>
        {
            var entries = new List<object?> { new DataRecord(), new DataRecord(), new DataRecord() };
            Apply(new DataRecord { ["addresses"] = entries }, new ExactlyOneTrueRule("addresses", "primary"), seed: seed);
            return entries.Cast<DataRecord>().Select(e => (bool)e["primary"]!).ToList();
        }).ToList();

        Assert.All(chosen, flags => Assert.Single(flags, f => f));
        Assert.Equal(3, chosen.Select(flags => flags.IndexOf(true)).Distinct().Count());
    }

    [Fact]
    public void ExactlyOneTrueLeavesAnEmptyOrMissingListAlone()
    {
        var empty = new List<object?>();
        var record = new DataRecord { ["addresses"] = empty };

        Apply(record, new ExactlyOneTrueRule("addresses", "primary"));
        Apply(record, new ExactlyOneTrueRule("phones", "primary"));

        Assert.Empty(empty);
        Assert.False(record.ContainsKey("phones"));
    }

    [Fact]
    public void APercentOfIsTheRoundedRateOfItsBase()
    {
        var record = new DataRecord { ["subtotal"] = 1000m };

        Apply(record, new PercentOfRule("tax", "subtotal", 12.3456, 12.3456));

        Assert.Equal(123.50m, record["tax"]);
    }

    [Fact]
    public void APercentOfStaysWithinItsRateAndIsZeroOnlyWhenAsked()
    {
        var taxes = s_seeds.Select(seed => (decimal)Apply(new DataRecord { ["subtotal"] = 200L }, new PercentOfRule("tax", "subtotal", 5, 10), seed: seed)["tax"]!).ToList();
        var zeros = s_seeds.Select(seed => (decimal)Apply(new DataRecord { ["subtotal"] = 200L }, new PercentOfRule("tax", "subtotal", 5, 10, ZeroProbability: 1), seed: seed)["tax"]!).ToList();

        Assert.All(taxes, t => Assert.InRange(t, 10m, 20m));
        Assert.True(taxes.Distinct().Count() > 1, "the rate is drawn per record");
        Assert.All(zeros, t => Assert.Equal(0m, t));
    }

    [Fact]
    public void APercentOfWithoutANumericBaseIsNotWritten()
    {
        var record = new DataRecord { ["subtotal"] = "lots" };

        Apply(record, new PercentOfRule("tax", "subtotal", 5, 10));

        Assert.False(record.ContainsKey("tax"));
    }

    [Fact]
    public void AProductMultipliesItsFactorsInTheTargetsType()
    {
        var money = Apply(new DataRecord { ["quantity"] = 3L, ["price"] = 2.5m }, new ProductRule("amount", ["quantity", "price"]));
        var whole = Apply(new DataRecord { ["quantity"] = 3L, ["price"] = 2.5m }, new ProductRule("amount", ["quantity", "price"]), Plans(Plan("amount", FieldKind.Integer)));
        var missing = Apply(new DataRecord { ["quantity"] = 3L }, new ProductRule("amount", ["quantity", "price"]));

        Assert.Equal(7.50m, money["amount"]);
        Assert.Equal(8L, whole["amount"]);
        Assert.Equal(0.00m, missing["amount"]);
    }

    [Fact]
    public void ASumAddsAndSubtractsItsFields()
    {
        var record = Apply(new DataRecord { ["a"] = 10L, ["b"] = 5.25m, ["c"] = 3L, ["d"] = "n/a" }, new SumRule("total", ["a", "b", "d"], ["c"]));
        var whole = Apply(new DataRecord { ["a"] = 10L, ["b"] = 5.5m, ["c"] = 3L }, new SumRule("total", ["a", "b"], ["c"]), Plans(Plan("total", FieldKind.Integer)));

        Assert.Equal(12.25m, record["total"]);
        Assert.Equal(13L, whole["total"]);
    }

    [Fact]
    public void AValueAboveItsLimitIsCappedBetweenItsMinimumAndTheLimit()
    {
        var plans = Plans(Plan("discount", FieldKind.Float, min: 10));
        var capped = s_seeds.Select(seed => (decimal)Apply(new DataRecord { ["discount"] = 50m, ["subtotal"] = 40m }, new AtMostRule("discount", "subtotal"), plans, seed: seed)["discount"]!).ToList();

        Assert.All(capped, d => Assert.InRange(d, 10m, 40m));
        Assert.All(capped, d => Assert.Equal(d, Math.Round(d, 2)));
        Assert.True(capped.Distinct().Count() > 1, "the capped value is drawn, not pinned to a bound");
    }

    [Fact]
    public void ACappedIntegerIsRoundedDownAndAFieldWithoutAMinimumMayFallToZero()
    {
        var plans = Plans(Plan("points", FieldKind.Integer));
        var capped = s_seeds.Select(seed => Assert.IsType<long>(Apply(new DataRecord { ["points"] = 50L, ["limit"] = 3L }, new AtMostRule("points", "limit"), plans, seed: seed)["points"])).ToList();

        Assert.All(capped, p => Assert.InRange(p, 0L, 2L));
        Assert.Contains(0L, capped);
    }

    [Fact]
    public void AValueAtOrBelowItsLimitIsLeftAlone()
    {
        var atLimit = Apply(new DataRecord { ["discount"] = 40m, ["subtotal"] = 40m }, new AtMostRule("discount", "subtotal"));
        var below = Apply(new DataRecord { ["discount"] = 12.345m, ["subtotal"] = 40m }, new AtMostRule("discount", "subtotal"));

        Assert.Equal(40m, atLimit["discount"]);
        Assert.Equal(12.345m, below["discount"]);
    }

    [Fact]
    public void ALimitAtOrBelowTheMinimumIsTheValue()
    {
        var plans = Plans(Plan("discount", FieldKind.Float, min: 10));

        var record = Apply(new DataRecord { ["discount"] = 50m, ["subtotal"] = 5m }, new AtMostRule("discount", "subtotal"), plans);

        Assert.Equal(5.00m, record["discount"]);
    }

    [Fact]
    public void ALaterTimestampFallsWithinItsGapAfterTheReferenceAndNotInTheFuture()
    {
        var start = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var seed in s_seeds)
        {
            var record = Apply(new DataRecord { ["created_at"] = "2026-05-01T00:00:00Z", ["shipped_at"] = "2020-01-01T00:00:00Z" },
                new NotBeforeRule("shipped_at", "created_at", 1, 48, AllowFuture: false), seed: seed);

            var shipped = DateTimeOffset.Parse((string)record["shipped_at"]!, CultureInfo.InvariantCulture);
            Assert.InRange(shipped, start.AddHours(1), start.AddHours(48));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", (string)record["shipped_at"]!);
        }
    }

    [Fact]
    public void ATimestampMayPassTheReferenceTimeOnlyWhenTheFutureIsAllowed()
    {
        var start = TestRequests.ReferenceTime.AddHours(-1);
        var created = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        List<DateTimeOffset> Draw(bool allowFuture) => [.. s_seeds.Select(seed => DateTimeOffset.Parse((string)Apply(
            new DataRecord { ["created_at"] = created, ["due_at"] = "2020-01-01T00:00:00Z" },
            new NotBeforeRule("due_at", "created_at", 0, 48, allowFuture), seed: seed)["due_at"]!, CultureInfo.InvariantCulture))];

        var past = Draw(false);
        var future = Draw(true);

        Assert.All(past, t => Assert.InRange(t, start, TestRequests.ReferenceTime));
        Assert.All(future, t => Assert.InRange(t, start, start.AddHours(48)));
        Assert.Contains(future, t => t > TestRequests.ReferenceTime);
    }

    [Fact]
    public void AReferenceAfterTheReferenceTimeLeavesNoRoomSoTheTimestampIsTheReference()
    {
        var record = Apply(new DataRecord { ["created_at"] = "2026-07-01T00:00:00Z", ["shipped_at"] = "2020-01-01" },
            new NotBeforeRule("shipped_at", "created_at", 1, 48, AllowFuture: false));

        Assert.Equal("2026-07-01", record["shipped_at"]);
    }

    [Theory]
    [InlineData("not a time", "2020-01-01T00:00:00Z")]
    [InlineData(null, "2020-01-01T00:00:00Z")]
    [InlineData("2026-05-01T00:00:00Z", null)]
    public void ATimestampWithoutAUsableReferenceOrTargetIsLeftAlone(string? reference, string? target)
    {
        var record = new DataRecord { ["created_at"] = reference, ["shipped_at"] = target };

        Apply(record, new NotBeforeRule("shipped_at", "created_at", 1, 48, AllowFuture: false));

        Assert.Equal(target, record["shipped_at"]);
    }

    [Fact]
    public void AFieldPresentForSomeValuesIsAddedInSchemaOrderOrRemoved()
    {
        var plans = Plans(Plan("status", FieldKind.Enum), Plan("tracking", FieldKind.String, generated: "TRK-1"), Plan("total", FieldKind.Float));
        var rule = new PresentWhenRule("tracking", "status", ["shipped", "delivered"]);

        var shipped = Apply(new DataRecord { ["status"] = "shipped", ["total"] = 1m }, rule, plans);
        var kept = Apply(new DataRecord { ["status"] = "delivered", ["tracking"] = "TRK-9", ["total"] = 1m }, rule, plans);
        var pending = Apply(new DataRecord { ["status"] = "pending", ["tracking"] = "TRK-9", ["total"] = 1m }, rule, plans);
        var unplanned = Apply(new DataRecord { ["status"] = "shipped" }, new PresentWhenRule("note", "status", ["shipped"]), plans);

        Assert.Equal(["status", "tracking", "total"], shipped.Keys);
        Assert.Equal("TRK-1", shipped["tracking"]);
        Assert.Equal("TRK-9", kept["tracking"]);
        Assert.Equal(["status", "total"], pending.Keys);
        Assert.Equal(["status"], unplanned.Keys);
    }

    [Fact]
    public void AFieldAddedLateGoesAfterTheSchemasEarlierFieldsThatThisRecordHas()
    {
        var plans = Plans(Plan("a", FieldKind.String), Plan("b", FieldKind.String), Plan("c", FieldKind.String), Plan("d", FieldKind.String, generated: "D"), Plan("e", FieldKind.String));

        var record = Apply(new DataRecord { ["a"] = "A", ["c"] = "C", ["e"] = "E", ["flag"] = "on" }, new PresentWhenRule("d", "flag", ["on"]), plans);

        Assert.Equal(["a", "c", "d", "e", "flag"], record.Keys);
    }

    [Fact]
    public void APositiveWhenFlagGivesACountWithinItsBoundsKeepsAPositiveOneAndZeroWhenOff()
    {
        var plans = Plans(Plan("items", FieldKind.Integer, min: 0, max: 3));
        var rule = new PositiveWhenRule("items", "has_items");

        var drawn = s_seeds.Select(seed => Assert.IsType<long>(Apply(new DataRecord { ["has_items"] = true, ["items"] = 0L }, rule, plans, seed: seed)["items"])).ToList();
        var kept = Apply(new DataRecord { ["has_items"] = true, ["items"] = 2L }, rule, plans);
        var off = Apply(new DataRecord { ["has_items"] = false, ["items"] = 2L }, rule, plans);
        var noFlag = Apply(new DataRecord { ["has_items"] = "yes", ["items"] = 2L }, rule, plans);

        Assert.All(drawn, n => Assert.InRange(n, 1L, 3L));
        Assert.Equal(3, drawn.Distinct().Count());
        Assert.Equal(2L, kept["items"]);
        Assert.Equal(0L, off["items"]);
        Assert.Equal(2L, noFlag["items"]);
    }

    [Fact]
    public void APositiveWhenFlagWithoutBoundsDrawsFromOneToAHundredAndOne()
    {
        var plans = Plans(Plan("visits", FieldKind.Integer));

        var drawn = s_seeds.Select(seed => (long)Apply(new DataRecord { ["active"] = true }, new PositiveWhenRule("visits", "active"), plans, seed: seed)["visits"]!).ToList();
        var unplanned = Apply(new DataRecord { ["active"] = true }, new PositiveWhenRule("visits", "active"));

        Assert.All(drawn, n => Assert.InRange(n, 1L, 101L));
        Assert.Contains(drawn, n => n > 3);
        Assert.False(unplanned.ContainsKey("visits"));
    }
}
