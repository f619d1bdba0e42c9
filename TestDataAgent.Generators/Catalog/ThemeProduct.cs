namespace TestDataAgent.Generators.Catalog;

public sealed record ThemeProduct(string Name, decimal MinPrice, decimal MaxPrice, string Description);
