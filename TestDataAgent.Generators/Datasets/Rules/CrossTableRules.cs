using System.Globalization;

namespace TestDataAgent.Generators.Datasets.Rules;

/// <summary>
/// The rules a dataset's rows keep across tables, checked the same way on generated rows (the summary's
/// <c>coherence_score</c> and <c>orphan_count</c>) and on a caller's tables (<c>ValidateDataset</c>): every foreign key
/// names a row, and names the row its parent's key implies; an item costs its product's price; an order's amounts add up
/// its items; a payment is its order's total and follows it; a shipment leaves after the order and its payment and arrives
/// after it leaves; a review follows the delivery of the order it reviews; a refund never exceeds what was paid and follows
/// the payment; nothing is created after the reference time. Rule names are listed in docs/datasets.md.
/// </summary>
public static class CrossTableRules
{
    public static void Check(DatasetRow row, DatasetPlan plan, IDatasetRowLinks links, IDatasetRuleSink sink)
    {
        References(row, links, sink);
        var values = row.Values;
        switch (row.Table.Entity)
        {
            case "order_item" when row.Table.References.FirstOrDefault(r => r.Target.Entity == "product") is { } reference && links.Target(row, reference) is { } product:
                sink.Rule(row, "unit_price", "item_price", RowValues.Money(values, "unit_price") == RowValues.Money(product.Values, "price"), "unit_price is the product's price");
                sink.Rule(row, "total_price", "item_total", RowValues.Money(values, "total_price") == RowValues.Cents(RowValues.Money(values, "unit_price") * RowValues.Money(values, "quantity")), "total_price = unit_price * quantity");
                break;
            case "order" when row.Table.Parent?.Entity == "customer" && links.Parent(row) is { } customer:
                Order(row, customer, plan, links, sink);
                break;
            case "payment" when row.Table.Parent?.Entity == "order" && links.Parent(row) is { } order:
                sink.Rule(row, "amount", "payment_amount", RowValues.Money(values, "amount") == RowValues.Money(order.Values, "total"), "amount is the order's total");
                sink.Rule(row, "created_at", "payment_after_order", RowValues.Instant(values, "created_at") > RowValues.Instant(order.Values, "created_at"), "created_at is after the order's created_at");
                break;
            case "shipment" when row.Table.Parent?.Entity == "order" && links.Parent(row) is { } order:
                Shipment(row, order, plan, links, sink);
                break;
            case "refund" when row.Table.Parent?.Entity == "payment" && links.Parent(row) is { } payment:
                sink.Rule(row, "amount", "refund_at_most_paid", RowValues.Money(values, "amount") <= RowValues.Money(payment.Values, "amount"), "amount is at most the payment's amount");
                sink.Rule(row, "created_at", "refund_after_payment", RowValues.Instant(values, "created_at") > Paid(payment), "created_at is after the payment");
                break;
            case "review" when row.Table.Parent is { Entity: "order_item", Parent.Entity: "order" } && links.Parent(row) is { } item && links.Parent(item) is { } order:
                var delivered = First(order, plan.ChildOf(order.Table, "shipment"), links) is { } shipment ? RowValues.Latest(shipment.Values, "ship_date", "delivery_date") : RowValues.Instant(order.Values, "created_at");
                sink.Rule(row, "created_at", "review_after_delivery", RowValues.Instant(values, "created_at") > delivered, "created_at is after the order was delivered");
                break;
        }

        sink.Rule(row, "created_at", "not_after_reference_time", values.GetValueOrDefault("created_at") is null || RowValues.Instant(values, "created_at") <= plan.ReferenceTime, "created_at is not after the reference time");
    }

    private static void Order(DatasetRow row, DatasetRow customer, DatasetPlan plan, IDatasetRowLinks links, IDatasetRuleSink sink)
    {
        var values = row.Values;
        sink.Rule(row, "created_at", "order_after_registration", RowValues.Instant(values, "created_at") >= RowValues.Instant(customer.Values, "registration_date"), "created_at is not before the customer's registration_date");
        sink.Rule(row, "total", "order_total", RowValues.Money(values, "total") == RowValues.Money(values, "subtotal") + RowValues.Money(values, "tax") + RowValues.Money(values, "shipping") - RowValues.Money(values, "discount"), "total = subtotal + tax + shipping - discount");
        if (plan.ChildOf(row.Table, "order_item") is { } items)
        {
            var sum = 0m;
            foreach (var item in links.Children(row, items))
            {
                sum += RowValues.Money(item.Values, "total_price");
            }

            sink.Rule(row, "subtotal", "order_subtotal", RowValues.Money(values, "subtotal") == sum, "subtotal is the sum of its items' total_price");
        }
    }

    private static void Shipment(DatasetRow row, DatasetRow order, DatasetPlan plan, IDatasetRowLinks links, IDatasetRuleSink sink)
    {
        var values = row.Values;
        sink.Rule(row, "ship_date", "ship_after_order", RowValues.Instant(values, "ship_date") > RowValues.Instant(order.Values, "created_at"), "ship_date is after the order's created_at");
        if (First(order, plan.ChildOf(order.Table, "payment"), links) is { } payment)
        {
            sink.Rule(row, "ship_date", "ship_after_payment", RowValues.Instant(values, "ship_date") > Paid(payment), "ship_date is after the order's payment");
        }

        sink.Rule(row, "delivery_date", "delivered_after_shipped", RowValues.Instant(values, "delivery_date") is not { } delivered || delivered > RowValues.Instant(values, "ship_date"), "delivery_date is after ship_date");
    }

    /// <summary>Every key names a row; a key repeated from the parent (or an ancestor) names the row the parent's does.</summary>
    private static void References(DatasetRow row, IDatasetRowLinks links, IDatasetRuleSink sink)
    {
        foreach (var reference in row.Table.References)
        {
            if (links.Target(row, reference) is not { } target)
            {
                sink.Orphan(row, reference);
                continue;
            }

            sink.Rule(row, reference.Column, "foreign_key", Same(row.Values.GetValueOrDefault(reference.Column), target.Values.GetValueOrDefault(target.Table.PrimaryKey ?? "")), "the key names a row of the table it references");
            switch (reference.How)
            {
                case ReferenceKind.ThroughParent when links.Parent(row) is { } parent:
                    sink.Rule(row, reference.Column, "same_as_parent", Same(row.Values.GetValueOrDefault(reference.Column), parent.Values.GetValueOrDefault(reference.Via!.Column)), "the key is the one its parent row holds");
                    break;
                case ReferenceKind.Ancestor when Ancestor(row, reference.Target, links) is { } ancestor:
                    sink.Rule(row, reference.Column, "same_as_ancestor", Same(row.Values.GetValueOrDefault(reference.Column), ancestor.Values.GetValueOrDefault(ancestor.Table.PrimaryKey ?? "")), "the key is that of the row its parent rows lead to");
                    break;
            }
        }
    }

    private static DatasetRow? Ancestor(DatasetRow row, DatasetTable table, IDatasetRowLinks links)
    {
        DatasetRow? current = row;
        while (current is { } step && step.Table != table)
        {
            current = links.Parent(step);
        }

        return current;
    }

    private static DatasetRow? First(DatasetRow parent, DatasetTable? table, IDatasetRowLinks links)
    {
        if (table is not null)
        {
            foreach (var child in links.Children(parent, table))
            {
                return child;
            }
        }

        return null;
    }

    private static DateTimeOffset? Paid(DatasetRow payment) => RowValues.Latest(payment.Values, "created_at", "authorized_at", "captured_at");

    /// <summary>Key values compared as the text they are written as (an integer key read back from JSON is a long or a decimal).</summary>
    public static bool Same(object? a, object? b) => KeyText(a) is { } left && left == KeyText(b);

    /// <summary>A key value as text: what rows are matched by.</summary>
    public static string? KeyText(object? value) => value switch
    {
        null => null,
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
