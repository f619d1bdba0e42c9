using System.Text.RegularExpressions;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// One supported locale (<c>de_DE</c>): the country's code, name and currency (ISO 3166 / ISO 4217, with its minor
/// units), the Bogus data set its names come from, real places, street names, how the country lays out a street line
/// and an address, postcode format, and phone-number templates that give numbers valid for the country.
/// Loaded once from the embedded <c>Locales/locales.json</c> (<see cref="LocaleCatalog"/>).
/// </summary>
public sealed class Locale
{
    public required string Name { get; init; }

    /// <summary>The language and country in English words, for prompts: <c>German (Germany)</c>.</summary>
    public required string Language { get; init; }

    /// <summary>The Bogus locale code the names come from (<c>de</c>, <c>en_IND</c>, <c>pt_BR</c>).</summary>
    public required string BogusCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2: what <c>country</c> and <c>country_code</c> fields hold.</summary>
    public required string Country { get; init; }

    /// <summary>The country's name in its own language.</summary>
    public required string CountryName { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; init; }

    /// <summary>Decimal places of the currency (ISO 4217 minor units): 2 for EUR, 0 for JPY.</summary>
    public required int MinorUnits { get; init; }

    public required Regex PostcodePattern { get; init; }

    /// <summary>Digits of a national number after the country calling code (10 for the US, 11 for Germany's mobiles).</summary>
    public required int NationalLength { get; init; }

    /// <summary>Phone templates in E.164: <c>#</c> any digit, <c>D</c> 1-9, <c>N</c> 2-9, <c>*</c> digits up to <see cref="NationalLength"/>, <c>{area}</c> the place's area code.</summary>
    public required IReadOnlyList<string> Phones { get; init; }

    /// <summary>The street line: <c>{number} {street}</c> (US, UK, France) or <c>{street} {number}</c> (Germany).</summary>
    public required string StreetLayout { get; init; }

    /// <summary>One-line address in the country's order, with <c>{street}</c>, <c>{city}</c>, <c>{region}</c>, <c>{postcode}</c>; <c>{region?}</c> only when it differs from the city.</summary>
    public required string AddressLayout { get; init; }

    /// <summary>A place as a short location (<c>{city}, {region}</c>).</summary>
    public required string LocationLayout { get; init; }

    /// <summary>House-number templates (same characters as <see cref="Phones"/>): <c>D##</c>, <c>D-D-D</c>, <c>D#号</c>.</summary>
    public required IReadOnlyList<string> HouseNumbers { get; init; }

    public required IReadOnlyList<string> EmailDomains { get; init; }

    public required IReadOnlyList<string> Streets { get; init; }

    public required IReadOnlyList<LocalePlace> Places { get; init; }

    /// <summary>The family name comes first in a full name, with no space (Japanese, Chinese).</summary>
    public bool FamilyFirst { get; init; }

    /// <summary>Given names in the country's script with their romanisation, where Bogus's cannot be transliterated (Japanese, Chinese); else empty.</summary>
    public IReadOnlyList<(string Name, string Latin)> GivenNames { get; init; } = [];

    /// <summary>Family names with their romanisation, as <see cref="GivenNames"/>.</summary>
    public IReadOnlyList<(string Name, string Latin)> FamilyNames { get; init; } = [];

    /// <summary>Romanisation of <see cref="GivenNames"/> and <see cref="FamilyNames"/>, for emails and usernames.</summary>
    public IReadOnlyDictionary<string, string> Romanised { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The country calling code with its plus sign (<c>+49</c>): the prefix every phone template starts with.</summary>
    public required string CallingCode { get; init; }

    public override string ToString() => Name;
}
