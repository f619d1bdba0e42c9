using TestDataAgent.Generators.Schemas;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class SchemaRegistryTests
{
    [Fact]
    public void TheCoreEntitiesComeInTheOriginalsOrder()
    {
        Assert.Equal(["cart", "order", "payment", "product", "user", "review"], TestRequests.Registry.List().Select(s => s.Name));
    }

    [Fact]
    public void TheDomainFilterIsExact()
    {
        Assert.Equal(6, TestRequests.Registry.List("ecommerce").Count);
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
        var examples = new SchemaExampleProvider(new Generators.Traditional.TraditionalGenerator(Generators.Catalog.ThemeCatalog.Default));
        var cart = TestRequests.Registry.List()[0];

        Assert.Matches("^CRT-2026-[0-9]{7}$", examples.For(cart, cart.FindField("cart_id")!));
        Assert.StartsWith("[{", examples.For(cart, cart.FindField("items")!), StringComparison.Ordinal);
        Assert.All(cart.Fields, f => Assert.NotEmpty(examples.For(cart, f)));
    }
}
