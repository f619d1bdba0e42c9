using System.Globalization;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// The locale's side of the field meanings: a generator that gives the record's locale's value (a German name, street,
/// place, phone, country, currency) and the original generator's, untouched, when the request sent no locale. The choice
/// is made per record, so a compiled plan serves every locale and a mix.
/// </summary>
internal static class LocaleValues
{
    /// <summary>What the adapted schema calls a currency field (<see cref="LocaleSchemaAdapter"/>): the record's ISO 4217 code.</summary>
    public const string CurrencySemantic = "locale_currency";

    /// <summary>A float field that holds an amount of money: written with the record's currency's decimals.</summary>
    public const string MoneySemantic = "money";

    /// <summary>The generator for <paramref name="semantic"/>: <paramref name="original"/> without a locale, the locale's value with one.</summary>
    public static ValueGenerator? Localise(string semantic, ValueGenerator? original)
    {
        ValueGenerator? localised = semantic switch
        {
            "first_name" => static (c, _) => LocaleNames.First(c.Locale!, c.Random),
            "last_name" => static (c, _) => LocaleNames.Last(c.Locale!, c.Random),
            "full_name" => static (c, _) => LocaleNames.Full(c.Locale!, LocaleNames.First(c.Locale!, c.Random), LocaleNames.Last(c.Locale!, c.Random)),
            "username" => static (c, scope) => UserName(c, scope),
            "email" => static (c, scope) => Email(c, scope),
            "phone" => static (c, _) => Phone(c),
            "street" => static (c, _) => Street(c),
            "city" => static (c, _) => c.Place.City,
            "state" => static (c, _) => c.Place.Region,
            "zip" => static (c, _) => c.Place.Postcode,
            "country" => static (c, _) => c.Locale!.Country,
            "address" => static (c, _) => Layout(c.Locale!.AddressLayout, c.Place, Street(c)),
            "location" => static (c, _) => Layout(c.Locale!.LocationLayout, c.Place, ""),
            CurrencySemantic => static (c, _) => c.Locale?.Currency,
            "price" or "shipping_cost" or "order_amount" when original is not null => (c, scope) => InCurrency(c, original(c, scope)),
            _ => null,
        };

        if (localised is null)
        {
            return original;
        }

        return original is null ? localised : (c, scope) => c.Locale is null ? original(c, scope) : localised(c, scope);
    }

    private static object? InCurrency(GenerationContext context, object? amount) =>
        amount is decimal value && context.MinorUnits != 2 ? Money.Round(value, context.MinorUnits) : amount;

    private static string Phone(GenerationContext context)
    {
        var locale = context.Locale!;
        var template = locale.Phones[context.Random.Number(0, locale.Phones.Count - 1)];
        var area = template.Contains("{area}", StringComparison.Ordinal) ? context.Place.AreaCode : "";
        return DigitTemplate.Fill(template, context.Random, area, locale.CallingCode.Length, locale.NationalLength);
    }

    private static string Street(GenerationContext context)
    {
        var locale = context.Locale!;
        var street = locale.Streets[context.Random.Number(0, locale.Streets.Count - 1)];
        var number = DigitTemplate.Fill(locale.HouseNumbers[context.Random.Number(0, locale.HouseNumbers.Count - 1)], context.Random);
        return locale.StreetLayout.Replace("{street}", street, StringComparison.Ordinal).Replace("{number}", number, StringComparison.Ordinal);
    }

    private static string Layout(string layout, LocalePlace place, string street) => layout
        .Replace("{street}", street, StringComparison.Ordinal)
        .Replace("{city}", place.City, StringComparison.Ordinal)
        .Replace("{region?}", place.Region == place.City ? "" : place.Region, StringComparison.Ordinal)
        .Replace("{region}", place.Region, StringComparison.Ordinal)
        .Replace("{postcode}", place.Postcode, StringComparison.Ordinal);

    /// <summary>The record's person's names, spelt in ASCII; a new name in the locale when the record has none.</summary>
    private static (string First, string Last) AsciiNames(GenerationContext context, DataRecord scope)
    {
        var locale = context.Locale!;
        var first = scope.TryGetValue("first_name", out var f) && f is string firstName ? firstName : LocaleNames.First(locale, context.Random);
        var last = scope.TryGetValue("last_name", out var l) && l is string lastName ? lastName : LocaleNames.Last(locale, context.Random);
        var asciiFirst = Transliteration.ToAscii(first, locale);
        var asciiLast = Transliteration.ToAscii(last, locale);
        return (asciiFirst.Length == 0 ? "user" : asciiFirst, asciiLast.Length == 0 ? "user" : asciiLast);
    }

    private static string Email(GenerationContext context, DataRecord scope)
    {
        var (first, last) = AsciiNames(context, scope);
        var local = context.Random.Number(0, 3) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first}{last}",
            2 => $"{first}_{last}",
            _ => $"{first[..1]}{last}",
        };
        var domains = context.Locale!.EmailDomains;
        return $"{local}@{domains[context.Random.Number(0, domains.Count - 1)]}";
    }

    private static string UserName(GenerationContext context, DataRecord scope)
    {
        var (first, last) = AsciiNames(context, scope);
        var digits = context.Random.Number(1, 99).ToString(CultureInfo.InvariantCulture);
        return context.Random.Number(0, 2) switch
        {
            0 => $"{first}.{last}{digits}",
            1 => $"{first}_{last}",
            _ => $"{first[..1]}{last}{digits}",
        };
    }
}
