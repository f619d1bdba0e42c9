using System.Text.RegularExpressions;

namespace TestDataAgent.Tests.Unit.Locales;

/// <summary>
/// What each supported locale must give, written down here independently of <c>locales.json</c>: the ISO 3166 country
/// (also libphonenumber's region), the ISO 4217 currency and its decimals, and the country's postcode format.
/// </summary>
internal static class LocaleExpectations
{
    public sealed record Expected(string Country, string Currency, int Decimals, Regex Postcode);

    public static readonly IReadOnlyDictionary<string, Expected> ByLocale = new Dictionary<string, Expected>(StringComparer.Ordinal)
    {
        ["en_US"] = new("US", "USD", 2, new Regex(@"^\d{5}$")),
        ["en_GB"] = new("GB", "GBP", 2, new Regex(@"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")),
        ["en_CA"] = new("CA", "CAD", 2, new Regex(@"^[A-Z]\d[A-Z] \d[A-Z]\d$")),
        ["en_AU"] = new("AU", "AUD", 2, new Regex(@"^\d{4}$")),
        ["en_IN"] = new("IN", "INR", 2, new Regex(@"^[1-9]\d{5}$")),
        ["de_DE"] = new("DE", "EUR", 2, new Regex(@"^\d{5}$")),
        ["fr_FR"] = new("FR", "EUR", 2, new Regex(@"^\d{5}$")),
        ["es_ES"] = new("ES", "EUR", 2, new Regex(@"^\d{5}$")),
        ["es_MX"] = new("MX", "MXN", 2, new Regex(@"^\d{5}$")),
        ["it_IT"] = new("IT", "EUR", 2, new Regex(@"^\d{5}$")),
        ["nl_NL"] = new("NL", "EUR", 2, new Regex(@"^[1-9]\d{3} [A-Z]{2}$")),
        ["pl_PL"] = new("PL", "PLN", 2, new Regex(@"^\d{2}-\d{3}$")),
        ["sv_SE"] = new("SE", "SEK", 2, new Regex(@"^\d{3} \d{2}$")),
        ["pt_BR"] = new("BR", "BRL", 2, new Regex(@"^\d{5}-\d{3}$")),
        ["ja_JP"] = new("JP", "JPY", 0, new Regex(@"^\d{3}-\d{4}$")),
        ["zh_CN"] = new("CN", "CNY", 2, new Regex(@"^\d{6}$")),
    };

    public static TheoryData<string> All => [.. ByLocale.Keys];
}
