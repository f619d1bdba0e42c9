using TestDataAgent.Generators.Schemas;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class SchemaRegistryTests
{
    [Fact]
    public void TheThirtySixEntitiesComeInTheOriginalsOrder()
    {
        Assert.Equal(
            ["cart", "cart_item", "saved_cart", "order", "order_item", "order_status", "payment", "refund", "payment_authorization",
             "product", "inventory", "stock", "stock_alert", "user", "customer", "loyalty_member", "customer_preferences",
             "shipping", "shipment", "tracking", "discount", "coupon", "promotion", "review", "rating", "wishlist", "favorites",
             "return", "exchange", "analytics_event", "notification", "subscription", "gift_card", "search_query", "fraud_check",
             "support_ticket"],
            TestRequests.Registry.List().Select(s => s.Name));
    }

    [Fact]
    public void TheDomainFilterIsExact()
    {
        Assert.Equal(36, TestRequests.Registry.List("ecommerce").Count);
        Assert.Empty(TestRequests.Registry.List("Ecommerce"));
    }

    [Fact]
    public void SchemasFromTheConfiguredDirectoryFollowTheBuiltIns()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "ticket.json"), """{"name":"ticket","domain":"support","description":"A ticket","fields":{"id":{"type":"uuid","required":true}}}""");

            var registry = SchemaRegistry.Load(directory.FullName);

            Assert.Equal("ticket", registry.List()[^1].Name);
            Assert.Single(registry.List("support"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void EveryExampleValueIsReal()
    {
        var examples = new Generators.Pipeline.TraditionalExamples(new Generators.Traditional.TraditionalGenerator(Generators.Catalog.ThemeCatalog.Default, new Generators.Validation.RecordValidator()));
        var cart = TestRequests.Registry.List()[0];

        Assert.Matches("^CRT-2026-[0-9]{7}$", examples.For(cart, cart.FindField("cart_id")!));
        Assert.StartsWith("[{", examples.For(cart, cart.FindField("items")!), StringComparison.Ordinal);
        foreach (var schema in TestRequests.Registry.List())
        {
            Assert.All(schema.Fields, f => Assert.False(string.IsNullOrEmpty(examples.For(schema, f)), $"{schema.Name}.{f.Name} has no example"));
        }
    }

    // A rule names its fields with the very strings the schema's fields (and so the records' keys) are: looking one up
    // in a record then compares references, not characters.
    [Fact]
    public void ARulesFieldNamesAreTheSchemasOwnStrings()
    {
        var user = TestRequests.Schema("user");
        var notBefore = user.Derivations.OfType<NotBeforeRule>().Single();
        var exactlyOne = user.Derivations.OfType<ExactlyOneTrueRule>().Single();
        var addresses = user.Fields.Single(f => f.Name == "addresses");

        Assert.Same(user.Fields.Single(f => f.Name == "last_login").Name, notBefore.Target);
        Assert.Same(user.Fields.Single(f => f.Name == "created_at").Name, notBefore.Reference);
        Assert.Same(addresses.Name, exactlyOne.Items);
        Assert.Same(addresses.Items!.Fields.Single(f => f.Name == "is_default").Name, exactlyOne.Field);
        var order = TestRequests.Schema("order");
        var sum = order.Derivations.OfType<SumRule>().First();
        Assert.All(sum.Add, name => Assert.Same(order.Fields.Single(f => f.Name == name).Name, name));
    }
}
