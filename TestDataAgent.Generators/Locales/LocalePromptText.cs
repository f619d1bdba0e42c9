using System.Globalization;
using System.Text;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// What a prompt says about the request's locales: the country each record comes from (by index, for a mix) and what
/// that means for its values. Empty without a locale, so the original prompts are unchanged.
/// </summary>
internal static class LocalePromptText
{
    public static string Describe(LocaleMix locales, long seed, long firstIndex, int count)
    {
        if (locales.IsDefault)
        {
            return "";
        }

        var text = new StringBuilder();
        if (locales.Locales.Count == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"Locale: every record is data from {Country(locales.Locales[0])}.\n");
        }
        else
        {
            text.Append("Locales: each record comes from one country, by its index: ");
            for (var i = 0; i < count; i++)
            {
                var index = firstIndex + i;
                text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}record {index}: {locales.For(seed, index)!.Name}");
            }

            text.Append(".\n");
            foreach (var locale in locales.Locales)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {locale.Name}: {Country(locale)}.\n");
            }
        }

        text.Append("Within a record and its nested objects everything belongs to its country: people's names in the language and script ")
            .Append("people there use, real cities with their own region and postcode, phone numbers of the country in E.164, country fields as ")
            .Append("the ISO 3166 code, currency fields as the ISO 4217 code with amounts in its decimals, email addresses and usernames in ASCII.\n");
        return text.ToString();
    }

    private static string Country(Locale locale) => string.Create(CultureInfo.InvariantCulture,
        $"{locale.CountryName} ({locale.Name}, {locale.Language}; country {locale.Country}, phone numbers {locale.CallingCode}…, currency {locale.Currency} with {locale.MinorUnits} decimals, postcodes like {locale.Places[0].Postcode}, e.g. {locale.Places[0].City}, {locale.Places[0].Region})");
}
