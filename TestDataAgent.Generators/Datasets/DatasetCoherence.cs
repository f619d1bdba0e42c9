using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// Scores the rows as they are streamed against the cross-table rules (<see cref="EcommerceRules"/>) and counts foreign
/// keys that name no row: the summary's <c>coherence_score</c> (rules held / rules checked; 1 when no rule applies) and
/// <c>orphan_count</c>. Both are 1 and 0 by construction; this is the check that says so.
/// </summary>
public sealed class DatasetCoherence(DatasetRows rows)
{
    private long _checked;
    private long _held;

    public long Orphans { get; private set; }

    public float Score => _checked == 0 ? 1f : (float)((double)_held / _checked);

    public void Check(DatasetTable table, long key, DataRecord row)
    {
        foreach (var reference in table.References)
        {
            if (!rows.Keys.Exists(reference.Target, rows.Keys.TargetKey(table, key, reference)))
            {
                Orphans++;
            }
        }

        switch (table.Entity)
        {
            case "order_item" when table.References.FirstOrDefault(r => r.Target.Entity == "product") is { } reference:
                var product = rows.Row(reference.Target, rows.Keys.TargetKey(table, key, reference));
                Rule(RowValues.Money(row, "unit_price") == RowValues.Money(product, "price"));
                Rule(RowValues.Money(row, "total_price") == RowValues.Cents(RowValues.Money(row, "unit_price") * RowValues.Money(row, "quantity")));
                break;
            case "order" when table.Parent?.Entity == "customer":
                var customer = rows.Row(table.Parent, DatasetKeys.ParentKey(table, key));
                Rule(RowValues.Instant(row, "created_at") >= RowValues.Instant(customer, "registration_date"));
                Rule(RowValues.Money(row, "total") == RowValues.Money(row, "subtotal") + RowValues.Money(row, "tax") + RowValues.Money(row, "shipping") - RowValues.Money(row, "discount"));
                if (rows.Plan.ChildOf(table, "order_item") is { } items)
                {
                    Rule(RowValues.Money(row, "subtotal") == rows.Keys.ChildKeys(items, key).Sum(k => RowValues.Money(rows.Row(items, k), "total_price")));
                }

                break;
            case "payment" when table.Parent?.Entity == "order":
                var order = rows.Row(table.Parent, DatasetKeys.ParentKey(table, key));
                Rule(RowValues.Money(row, "amount") == RowValues.Money(order, "total"));
                Rule(RowValues.Instant(row, "created_at") > RowValues.Instant(order, "created_at"));
                break;
            case "shipment" when table.Parent?.Entity == "order":
                Rule(RowValues.Instant(row, "ship_date") > RowValues.Instant(rows.Row(table.Parent, DatasetKeys.ParentKey(table, key)), "created_at"));
                Rule(RowValues.Instant(row, "delivery_date") is not { } delivered || delivered > RowValues.Instant(row, "ship_date"));
                break;
            case "refund" when table.Parent?.Entity == "payment":
                var payment = rows.Row(table.Parent, DatasetKeys.ParentKey(table, key));
                Rule(RowValues.Money(row, "amount") <= RowValues.Money(payment, "amount"));
                Rule(RowValues.Instant(row, "created_at") > RowValues.Latest(payment, "created_at", "authorized_at", "captured_at"));
                break;
        }

        Rule(row.GetValueOrDefault("created_at") is null || RowValues.Instant(row, "created_at") <= rows.Plan.ReferenceTime);
    }

    private void Rule(bool held)
    {
        _checked++;
        _held += held ? 1 : 0;
    }
}
