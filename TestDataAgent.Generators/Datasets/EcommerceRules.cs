using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// The cross-table rules of the e-commerce entities, applied to a row once its keys are set, wherever the related
/// tables are in the dataset: an item's price is its product's; an order's amounts add up its items; a payment is the
/// order's total; a shipment leaves after the payment and arrives after it leaves; a review follows the delivery of the
/// order it reviews; a refund never exceeds what was paid. Timelines are kept before the reference time: customers with
/// orders registered at least <see cref="CustomerLead"/> before it, orders at least <see cref="OrderLead"/> before it.
/// </summary>
internal sealed class EcommerceRules(DatasetRows rows)
{
    public static readonly TimeSpan CustomerLead = TimeSpan.FromDays(60);
    public static readonly TimeSpan OrderLead = TimeSpan.FromDays(50);

    private const int TimelineDraw = 1;
    private const int RateDraw = 2;

    public void Apply(DatasetTable table, long key, DataRecord row)
    {
        switch (table.Entity)
        {
            case "customer" when rows.Plan.ChildOf(table, "order") is not null:
                Customer(table, key, row);
                break;
            case "order" when table.Parent?.Entity == "customer":
                Order(table, key, row);
                break;
            case "order_item":
                OrderItem(table, key, row);
                break;
            case "payment" when table.Parent?.Entity == "order":
                Payment(table, key, row);
                break;
            case "shipment" when table.Parent?.Entity == "order":
                Shipment(table, key, row);
                break;
            case "review" when table.Parent is { Entity: "order_item", Parent.Entity: "order" }:
                Review(table, key, row);
                break;
            case "refund" when table.Parent?.Entity == "payment":
                Refund(table, key, row);
                break;
        }
    }

    private void Customer(DatasetTable table, long key, DataRecord row)
    {
        var latest = rows.Plan.ReferenceTime - CustomerLead;
        if (RowValues.Instant(row, "registration_date") is { } registered && registered > latest)
        {
            RowValues.MoveTo(row, table.GenerationSchema, "registration_date", latest - TimeSpan.FromDays(30 * Draw(table, key, TimelineDraw)));
        }
    }

    private void Order(DatasetTable table, long key, DataRecord row)
    {
        var customer = rows.Row(table.Parent!, DatasetKeys.ParentKey(table, key));
        var registered = RowValues.Instant(customer, "registration_date") ?? rows.Plan.ReferenceTime - CustomerLead;
        var latest = rows.Plan.ReferenceTime - OrderLead;
        var created = registered < latest ? registered + ((latest - registered) * Draw(table, key, TimelineDraw)) : registered;
        RowValues.MoveTo(row, table.GenerationSchema, "created_at", created);

        if (rows.Plan.ChildOf(table, "order_item") is not { } items)
        {
            return;
        }

        var oldSubtotal = RowValues.Money(row, "subtotal");
        var taxRate = oldSubtotal > 0 ? RowValues.Money(row, "tax") / oldSubtotal : 0.07m;
        var discountRate = oldSubtotal > 0 ? RowValues.Money(row, "discount") / oldSubtotal : 0m;
        var subtotal = 0m;
        foreach (var item in rows.Keys.ChildKeys(items, key))
        {
            subtotal += RowValues.Money(rows.Row(items, item), "total_price");
        }

        var tax = RowValues.Cents(subtotal * taxRate);
        var discount = RowValues.Cents(subtotal * discountRate);
        row["subtotal"] = RowValues.Cents(subtotal);
        row["tax"] = tax;
        row["discount"] = discount;
        row["total"] = RowValues.Cents(subtotal + tax + RowValues.Money(row, "shipping") - discount);
    }

    private void OrderItem(DatasetTable table, long key, DataRecord row)
    {
        if (table.References.FirstOrDefault(r => r.Target.Entity == "product") is not { } reference)
        {
            return;
        }

        var product = rows.Row(reference.Target, rows.Keys.TargetKey(table, key, reference));
        var price = RowValues.Money(product, "price");
        row["unit_price"] = price;
        row["sku"] = product.GetValueOrDefault("sku");
        row["total_price"] = RowValues.Cents(price * RowValues.Money(row, "quantity"));
    }

    private void Payment(DatasetTable table, long key, DataRecord row)
    {
        var order = rows.Row(table.Parent!, DatasetKeys.ParentKey(table, key));
        row["amount"] = RowValues.Money(order, "total");
        var ordered = RowValues.Instant(order, "created_at") ?? rows.Plan.ReferenceTime - OrderLead;
        RowValues.MoveTo(row, table.GenerationSchema, "created_at", ordered + TimeSpan.FromMinutes(5 + (115 * Draw(table, key, TimelineDraw))));
    }

    private void Shipment(DatasetTable table, long key, DataRecord row)
    {
        var orders = table.Parent!;
        var orderKey = DatasetKeys.ParentKey(table, key);
        var paid = Paid(orders, orderKey) ?? RowValues.Instant(rows.Row(orders, orderKey), "created_at") ?? rows.Plan.ReferenceTime - OrderLead;
        RowValues.MoveTo(row, table.GenerationSchema, "ship_date", paid + TimeSpan.FromHours(2 + (70 * Draw(table, key, TimelineDraw))));
    }

    private void Review(DatasetTable table, long key, DataRecord row)
    {
        var items = table.Parent!;
        var orders = items.Parent!;
        var orderKey = DatasetKeys.ParentKey(items, DatasetKeys.ParentKey(table, key));
        var delivered = Delivered(orders, orderKey) ?? RowValues.Instant(rows.Row(orders, orderKey), "created_at") ?? rows.Plan.ReferenceTime - OrderLead;
        row["created_at"] = RowValues.Text(delivered + TimeSpan.FromDays(1 + (29 * Draw(table, key, TimelineDraw))));
    }

    private void Refund(DatasetTable table, long key, DataRecord row)
    {
        var payment = rows.Row(table.Parent!, DatasetKeys.ParentKey(table, key));
        var paid = RowValues.Money(payment, "amount");
        var share = 0.05m + (0.95m * (decimal)Draw(table, key, RateDraw));
        row["amount"] = Math.Min(paid, Math.Max(0.01m, RowValues.Cents(paid * share)));
        var captured = RowValues.Latest(payment, "created_at", "authorized_at", "captured_at") ?? rows.Plan.ReferenceTime - OrderLead;
        RowValues.MoveTo(row, table.GenerationSchema, "created_at", captured + TimeSpan.FromDays(1 + (29 * Draw(table, key, TimelineDraw))));
    }

    /// <summary>When the order's payment (its first, if the dataset has payments) was last touched.</summary>
    private DateTimeOffset? Paid(DatasetTable orders, long orderKey) =>
        rows.Plan.ChildOf(orders, "payment") is { } payments && rows.Keys.ChildKeys(payments, orderKey).FirstOrDefault(-1) is var paymentKey and >= 0
            ? RowValues.Latest(rows.Row(payments, paymentKey), "created_at", "authorized_at", "captured_at")
            : null;

    /// <summary>When the order's shipment (its first, if the dataset has shipments) arrived, or left when it has not arrived.</summary>
    private DateTimeOffset? Delivered(DatasetTable orders, long orderKey) =>
        rows.Plan.ChildOf(orders, "shipment") is { } shipments && rows.Keys.ChildKeys(shipments, orderKey).FirstOrDefault(-1) is var shipmentKey and >= 0
            ? RowValues.Latest(rows.Row(shipments, shipmentKey), "ship_date", "delivery_date")
            : null;

    private double Draw(DatasetTable table, long key, int purpose) => rows.Fraction(table, key, purpose);
}
