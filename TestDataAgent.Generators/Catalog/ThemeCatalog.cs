using System.Text.Json;
using System.Text.Json.Serialization;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Catalog;

/// <summary>
/// Product themes (fitness, beauty, home …), each with a category, brands and products with price ranges,
/// plus review phrasing by sentiment. A record draws one theme, so a cart's items belong together and a
/// product's name, category, brand and price fit each other.
/// </summary>
public sealed class ThemeCatalog
{
    private static readonly Lazy<ThemeCatalog> s_default = new(LoadEmbedded);

    private ThemeCatalog(IReadOnlyList<Theme> themes, ReviewPhrases reviews)
    {
        Themes = themes;
        Reviews = reviews;
    }

    public static ThemeCatalog Default => s_default.Value;

    public IReadOnlyList<Theme> Themes { get; }

    public ReviewPhrases Reviews { get; }

    private static ThemeCatalog LoadEmbedded()
    {
        var assembly = typeof(ThemeCatalog).Assembly;
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var themes = JsonSerializer.Deserialize<ThemeFile>(SchemaRegistry.ReadResource(assembly, "TestDataAgent.Catalog.themes.json"), options)
            ?? throw new InvalidOperationException("themes.json is empty.");
        var reviews = JsonSerializer.Deserialize<ReviewPhrases>(SchemaRegistry.ReadResource(assembly, "TestDataAgent.Catalog.reviews.json"), options)
            ?? throw new InvalidOperationException("reviews.json is empty.");
        return new ThemeCatalog(themes.Themes, reviews);
    }

    private sealed record ThemeFile([property: JsonPropertyName("themes")] List<Theme> Themes);
}
