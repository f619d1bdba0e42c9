namespace TestDataAgent.Generators.Catalog;

public sealed record Theme(string Key, string Category, IReadOnlyList<string> Brands, IReadOnlyList<ThemeProduct> Products);
