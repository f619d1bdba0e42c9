using System.Text.Json;
using System.Text.RegularExpressions;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// The supported locales, from the embedded <c>Locales/locales.json</c>: curated per country (real places, street
/// names, phone templates checked against libphonenumber in the tests), names from Bogus's locale data sets.
/// </summary>
public static class LocaleCatalog
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly Lazy<IReadOnlyList<Locale>> s_all = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, Locale>> s_byName = new(() =>
        All.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every supported locale, <c>en_US</c> first.</summary>
    public static IReadOnlyList<Locale> All => s_all.Value;

    /// <summary>The supported names, comma-separated, for messages.</summary>
    public static string SupportedNames => string.Join(", ", All.Select(l => l.Name));

    /// <summary>The locale named <paramref name="name"/> (<c>de_DE</c>; <c>de-DE</c> and any case are accepted), or <see langword="null"/>.</summary>
    public static Locale? Find(string name) =>
        s_byName.Value.TryGetValue(name.Trim().Replace('-', '_'), out var locale) ? locale : null;

    private static IReadOnlyList<Locale> Load()
    {
        var file = JsonSerializer.Deserialize<LocaleFile>(SchemaRegistry.ReadResource(typeof(LocaleCatalog).Assembly, "TestDataAgent.Locales.locales.json"), s_json)
            ?? throw new InvalidOperationException("locales.json is empty.");
        return file.Locales.Select(ToLocale).ToList();
    }

    private static Locale ToLocale(LocaleEntry entry)
    {
        var given = Pairs(entry.GivenNames);
        var family = Pairs(entry.FamilyNames);
        var romanised = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, latin) in given.Concat(family))
        {
            romanised.TryAdd(name, latin);
        }

        return new Locale
        {
            Name = entry.Name,
            Language = entry.Language,
            BogusCode = entry.Bogus,
            Country = entry.Country,
            CallingCode = entry.CallingCode,
            CountryName = entry.CountryName,
            Currency = entry.Currency,
            MinorUnits = entry.MinorUnits,
            PostcodePattern = new Regex(entry.PostcodePattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)),
            NationalLength = entry.NationalLength,
            Phones = entry.Phones,
            StreetLayout = entry.Street,
            AddressLayout = entry.Address,
            LocationLayout = entry.Location,
            HouseNumbers = entry.HouseNumbers,
            EmailDomains = entry.EmailDomains,
            Streets = entry.Streets,
            Places = entry.Places.Select(p => new LocalePlace(p[0], p[1], p[2], p.Count > 3 ? p[3] : "")).ToList(),
            FamilyFirst = entry.FamilyFirst,
            GivenNames = given,
            FamilyNames = family,
            Romanised = romanised,
        };
    }

    private static List<(string Name, string Latin)> Pairs(List<List<string>>? rows) => rows?.Select(r => (r[0], r[1])).ToList() ?? [];

    private sealed record LocaleFile(List<LocaleEntry> Locales);

    private sealed record LocaleEntry(
        string Name,
        string Language,
        string Bogus,
        string Country,
        string CallingCode,
        string CountryName,
        string Currency,
        int MinorUnits,
        string PostcodePattern,
        int NationalLength,
        List<string> Phones,
        string Street,
        string Address,
        string Location,
        List<string> HouseNumbers,
        List<string> EmailDomains,
        List<string> Streets,
        List<List<string>> Places,
        bool FamilyFirst,
        List<List<string>>? GivenNames,
        List<List<string>>? FamilyNames);
}
