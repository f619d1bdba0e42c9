using System.Globalization;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;

namespace TestDataAgent.Generators.Traditional;

/// <summary>Generators for field meanings (<c>product_name</c>, <c>city</c>, <c>review_body</c> …).</summary>
internal static class SemanticValues
{
    // Made once: a collection expression in a generator would allocate its arrays for every value.
    private static readonly int[] s_quantities = [1, 2, 3, 4, 5];
    private static readonly float[] s_quantityWeights = [0.55f, 0.25f, 0.1f, 0.06f, 0.04f];
    private static readonly decimal[] s_shippingCosts = [0m, 4.99m, 5.99m, 7.99m, 9.99m, 14.99m, 24.99m];

    /// <summary>The generator for a meaning: the request's locale's values when it sent one (<see cref="LocaleValues"/>), else the original's.</summary>
    public static ValueGenerator? For(string semantic) => LocaleValues.Localise(semantic, Unlocalised(semantic));

    private static ValueGenerator? Unlocalised(string semantic) => semantic switch
    {
        "first_name" => static (c, _) => c.Random.DataSetItem(BogusList.FirstNames),
        "last_name" => static (c, _) => c.Random.DataSetItem(BogusList.LastNames),
        "full_name" => static (c, _) => c.Names.FullName(),
        "username" => static (c, _) => c.Internet.UserName(),
        "email" => Email,
        "phone" => Phone,
        "street" => static (c, _) => Street(c),
        "city" => static (c, _) => ValuePools.Pick(ValuePools.Cities, c.Random),
        "state" => static (c, _) => c.Random.DataSetItem(BogusList.StateAbbreviations),
        "zip" => static (c, _) => Zip(c),
        "country" => static (_, _) => "US",
        "address" => static (c, _) => $"{Street(c)}, {ValuePools.Pick(ValuePools.Cities, c.Random)}, {c.Random.DataSetItem(BogusList.StateAbbreviations)} {Zip(c)}",
        "location" => static (c, _) => $"{ValuePools.Pick(ValuePools.Cities, c.Random)}, {c.Random.DataSetItem(BogusList.StateAbbreviations)}",
        "search_term" => static (c, _) => SearchTerm(c),
        "company" => static (c, _) => ValuePools.Pick(ValuePools.Companies, c.Random),
        "url" => static (c, _) => c.Internet.Url(),
        "ipv4" => static (c, _) => c.Internet.Ip(),
        "uuid" => static (c, _) => c.Random.Guid().ToString(),
        "word" => static (c, _) => c.Random.DataSetItem(BogusList.Words),
        "sentence" => static (c, _) => ValuePools.Pick(ValuePools.Sentences, c.Random),
        "paragraph" => static (c, _) => ValuePools.Pick(ValuePools.Paragraphs, c.Random),
        "product_name" => static (c, _) => c.Product.Name,
        "product_description" => static (c, _) => c.Product.Description,
        "category" => static (c, _) => c.Theme.Category,
        "brand" => static (c, _) => c.Random.ListItem(c.Theme.Brands as IList<string> ?? [.. c.Theme.Brands]),
        "sku" => static (c, _) => Sku(c.Theme.Key, c.Random.Number(100000, 999999)),
        "price" => static (c, scope) => Price(c, scope),
        "quantity" => static (c, _) => (long)c.Random.WeightedRandom(s_quantities, s_quantityWeights),
        "shipping_cost" => static (c, _) => c.Random.ArrayElement(s_shippingCosts),
        "order_amount" => static (c, _) => Math.Round((decimal)Math.Exp(c.Random.Double(Math.Log(8), Math.Log(900))), 2),
        "card_last_four" => static (c, _) => c.Random.Number(0, 9999).ToString("D4", CultureInfo.InvariantCulture),
        "small_count" => static (c, _) => (long)Math.Floor(Math.Exp(c.Random.Double(0, Math.Log(251))) - 1),
        "review_title" => static (c, scope) => ReviewText.Title(c, scope),
        "review_body" => static (c, scope) => ReviewText.Body(c, scope),
        _ => null,
    };

    private static string Email(GenerationContext context, DataRecord scope) => Email(context, scope, unique: null, edgeCases: false);

    /// <summary>
    /// The original generator's email with <paramref name="unique"/> as the last dot-separated part of the local name
    /// (and, for edge cases, sometimes a <c>+qa</c> tag), made as one string: the draws of <see cref="Email(GenerationContext, DataRecord)"/>,
    /// then the tag's.
    /// </summary>
    internal static string UniqueEmail(GenerationContext context, DataRecord scope, ulong unique) => Email(context, scope, unique, context.EdgeCases);

    private static string Email(GenerationContext context, DataRecord scope, ulong? unique, bool edgeCases)
    {
        // An email that belongs to the person in the same record reads as real data.
        var first = scope.TryGetValue("first_name", out var f) && f is string firstName ? firstName : context.Random.DataSetItem(BogusList.FirstNames);
        var last = scope.TryGetValue("last_name", out var l) && l is string lastName ? lastName : context.Random.DataSetItem(BogusList.LastNames);
        var style = context.Random.Number(0, 3);
        var domain = ValuePools.EmailDomains[context.Random.Number(0, ValuePools.EmailDomains.Length - 1)];
        Span<char> firstSlug = stackalloc char[MaxSlug];
        Span<char> lastSlug = stackalloc char[MaxSlug];
        ReadOnlySpan<char> given = Slug(first, firstSlug);
        ReadOnlySpan<char> family = Slug(last, lastSlug);
        ReadOnlySpan<char> separator = style switch
        {
            0 => ".",
            2 => "_",
            _ => "",
        };
        given = style == 3 ? given[..1] : given;
        if (unique is not { } number)
        {
            return string.Create(CultureInfo.InvariantCulture, stackalloc char[256], $"{given}{separator}{family}@{domain}");
        }

        // Edge cases: plus-addressing, which many sign-up forms wrongly reject.
        var tag = edgeCases && context.Random.Bool(EdgeCaseValues.Probability) ? "+qa" : "";
        return string.Create(CultureInfo.InvariantCulture, stackalloc char[256], $"{given}{separator}{family}.{number}{tag}@{domain}");
    }

    private const int MaxSlug = 64;

    /// <summary>Lower-case letters and digits only: a name as it appears in an email address, written into <paramref name="buffer"/>.</summary>
    private static Span<char> Slug(string name, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, MaxSlug)))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        if (length == 0)
        {
            "user".CopyTo(buffer);
            length = 4;
        }

        return buffer[..length];
    }

    private static string Street(GenerationContext context) =>
        string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $"{context.Random.Number(1, 9999)} {ValuePools.Pick(ValuePools.StreetNames, context.Random)}");

    private static string Zip(GenerationContext context) =>
        context.Random.Number(1001, 99950).ToString("D5", CultureInfo.InvariantCulture);

    private static string SearchTerm(GenerationContext context)
    {
        // Shoppers type fragments of product names, often lower-case, sometimes with a brand.
        var words = context.Product.Name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var take = Math.Min(words.Length, context.Random.Number(1, 3));
        var term = string.Join(' ', words.Skip(Math.Max(0, words.Length - take)));
        return context.Random.Bool(0.2f) ? $"{context.Random.ListItem(context.Theme.Brands as IList<string> ?? [.. context.Theme.Brands]).ToLowerInvariant()} {term}" : term;
    }

    private static string Phone(GenerationContext context, DataRecord scope) =>
        string.Create(CultureInfo.InvariantCulture, stackalloc char[32], $"{context.Random.Number(201, 989)}-{context.Random.Number(200, 999)}-{context.Random.Number(0, 9999):D4}");

    private static decimal Price(GenerationContext context, DataRecord scope)
    {
        var product = context.Product;
        var cents = context.Random.Long((long)(product.MinPrice * 100), (long)(product.MaxPrice * 100));
        var price = cents / 100m;
        // Most shelf prices end in .99.
        if (context.Random.Bool(0.6f) && price >= 1m)
        {
            price = Math.Floor(price) + 0.99m;
        }

        return Math.Min(price, product.MaxPrice);
    }

    // The theme's first three letters upper-cased, a dash, six digits: one string made, not three.
    private static string Sku(string theme, int number)
    {
        return string.Create(Math.Min(3, theme.Length) + 7, (Theme: theme, Number: number), static (span, state) =>
        {
            var length = Math.Min(3, state.Theme.Length);
            state.Theme.AsSpan(0, length).ToUpperInvariant(span);
            span[length] = '-';
            state.Number.TryFormat(span[(length + 1)..], out _, default, CultureInfo.InvariantCulture);
        });
    }
}
