using System.Text.Json;
using TestDataAgent.Generators.Generation;
using static TestDataAgent.Tests.Datasets.EcommerceInvariants;

namespace TestDataAgent.Tests.Datasets;

/// <summary>The <c>ecommerce_core</c> preset at several sizes and seeds, read back as NDJSON and checked by the test's own code.</summary>
public sealed class EcommerceDatasetTests
{
    private static readonly DateTimeOffset ReferenceTime = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // child table, its foreign key column, the table it names.
    private static readonly (string Table, string Column, string Target)[] ForeignKeys =
    [
        ("orders", "customer_id", "customers"), ("order_items", "order_id", "orders"), ("order_items", "product_id", "products"),
        ("payments", "order_id", "orders"), ("shipments", "order_id", "orders"), ("reviews", "user_id", "customers"),
        ("reviews", "product_id", "products"), ("reviews", "order_item_id", "order_items"), ("refunds", "payment_id", "payments"), ("refunds", "order_id", "orders"),
    ];

    private static readonly Dictionary<string, string> PrimaryKeys = new()
    {
        ["customers"] = "customer_id", ["products"] = "product_id", ["orders"] = "order_id", ["order_items"] = "order_item_id",
        ["payments"] = "payment_id", ["shipments"] = "shipment_id", ["reviews"] = "review_id", ["refunds"] = "refund_id",
    };

    public static TheoryData<int, int, long> Sizes => new() { { 1, 1, 1 }, { 4, 6, 7 }, { 30, 12, 99 }, { 160, 50, 20260101 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EveryForeignKeyNamesAGeneratedRowAndTheSummarySaysSo(int customers, int products, long seed)
    {
        var run = await DatasetRun.PresetAsync(customers, products, seed);
        var tables = run.Tables();

        var ids = PrimaryKeys.ToDictionary(p => p.Key, p => ById(tables.GetValueOrDefault(p.Key) ?? [], p.Value).Keys.ToHashSet());
        foreach (var (table, column, target) in ForeignKeys)
        {
            foreach (var row in tables.GetValueOrDefault(table) ?? [])
            {
                Assert.Contains(Text(row, column), ids[target]);
            }
        }

        Assert.Equal(0, run.Summary.OrphanCount);
        Assert.Equal(1f, run.Summary.CoherenceScore);
        Assert.Equal(customers, tables["customers"].Count);
        Assert.Equal(products, tables["products"].Count);
        foreach (var (table, rows) in run.Summary.RowCounts)
        {
            Assert.Equal(rows, tables.GetValueOrDefault(table)?.Count ?? 0);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EveryCrossTableRuleHoldsOnEveryRow(int customers, int products, long seed)
    {
        var run = await DatasetRun.PresetAsync(customers, products, seed);
        var tables = run.Tables();
        foreach (var name in PrimaryKeys.Keys)
        {
            tables.TryAdd(name, []);
        }

        Hold(tables, ReferenceTime);
    }

    [Fact]
    public async Task ParentsComeBeforeChildrenAndEachTablesRowsAreContiguousAndInOrder()
    {
        var run = await DatasetRun.PresetAsync(20, 10, 3);
        var order = run.Chunks.Select(c => c.Table).Distinct().ToList();

        Assert.Equal(["customers", "products", "orders", "order_items", "payments", "shipments", "reviews", "refunds"], order);
        Assert.Equal(order.Count, run.Chunks.Where((c, i) => i == 0 || run.Chunks[i - 1].Table != c.Table).Count());
        foreach (var rows in run.Tables().Values)
        {
            Assert.Equal(Enumerable.Range(0, rows.Count), rows.Select(r => r.GetProperty("_index").GetInt32()));
        }

        Assert.Equal(Enumerable.Range(0, run.Chunks.Count), run.Chunks.Select(c => c.Index));
        Assert.True(run.Chunks[^1].IsFinal);
        Assert.All(run.Chunks[..^1], c => Assert.False(c.IsFinal));
    }

    [Fact]
    public async Task ChildrenPerParentStayWithinBoundsAndTheirMeanFollowsTheDistribution()
    {
        var run = await DatasetRun.PresetAsync(1500, 40, 11);
        var tables = run.Tables();

        // orders per customer: Poisson with mean (0 + 6) / 2, clamped to [0, 6]; order items per order: Zipf over [1, 5].
        var ordersPer = PerParent(tables["customers"], "customer_id", tables["orders"]);
        var itemsPer = PerParent(tables["orders"], "order_id", tables["order_items"]);
        var paymentsPer = PerParent(tables["orders"], "order_id", tables["payments"]);
        var refundsPer = PerParent(tables["payments"], "payment_id", tables["refunds"]);

        Assert.All(ordersPer, n => Assert.InRange(n, 0, 6));
        Assert.All(itemsPer, n => Assert.InRange(n, 1, 5));
        Assert.All(paymentsPer, n => Assert.Equal(1, n));
        Assert.All(refundsPer, n => Assert.InRange(n, 0, 1));
        Assert.InRange(ordersPer.Average(), ClampedPoissonMean(3, 0, 6) - 0.15, ClampedPoissonMean(3, 0, 6) + 0.15);
        Assert.InRange(itemsPer.Average(), ZipfMean(1, 5) - 0.1, ZipfMean(1, 5) + 0.1);
        Assert.InRange(refundsPer.Average(), ZipfMean(0, 1) - 0.05, ZipfMean(0, 1) + 0.05);
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameBytesAndAnotherSeedOthers()
    {
        var first = await DatasetRun.PresetAsync(12, 8, 5, DataFormat.Sql);
        var again = await DatasetRun.PresetAsync(12, 8, 5, DataFormat.Sql);
        var other = await DatasetRun.PresetAsync(12, 8, 6, DataFormat.Sql);

        Assert.Equal(first.Text, again.Text);
        Assert.NotEqual(first.Text, other.Text);
    }

    private static List<int> PerParent(List<JsonElement> parents, string key, List<JsonElement> children)
    {
        var counts = children.GroupBy(c => Text(c, key)).ToDictionary(g => g.Key, g => g.Count());
        return [.. parents.Select(p => counts.GetValueOrDefault(Text(p, key)))];
    }

    private static double ClampedPoissonMean(double lambda, int min, int max)
    {
        double weight = 1, total = 0, weighted = 0;
        for (var c = 0; c <= max; c++)
        {
            weight = c == 0 ? Math.Exp(-lambda) : weight * lambda / c;
            if (c >= min)
            {
                total += weight;
                weighted += weight * c;
            }
        }

        return weighted / total;
    }

    private static double ZipfMean(int min, int max)
    {
        var ranks = Enumerable.Range(0, max - min + 1).ToList();
        return ranks.Sum(r => (min + r) / (r + 1.0)) / ranks.Sum(r => 1 / (r + 1.0));
    }
}
