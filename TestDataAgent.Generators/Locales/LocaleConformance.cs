using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// Holds a record that came from elsewhere (a model's answer) to its locale's rules, as the traditional generator's are
/// by construction: country and currency codes, phone numbers of the country's plan, postcodes in its format, city,
/// region and postcode of one known place, names in the locale's script, ASCII emails. A value from the wrong country is
/// replaced by the scaffold's (the traditional record for the same index); an address object that does not hold together
/// is replaced whole, so its parts still belong to one place.
/// </summary>
internal static class LocaleConformance
{
    private static readonly ConcurrentDictionary<string, Regex> s_phonePatterns = new(StringComparer.Ordinal);
    private static readonly Regex s_cjk = new(@"^[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}々]+$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    private static readonly Regex s_asciiEmail = new(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Replaces what breaks <paramref name="locale"/>'s rules in <paramref name="record"/> with <paramref name="scaffold"/>'s values; returns how many fields it replaced.</summary>
    public static int Repair(DataRecord record, DataRecord scaffold, IReadOnlyList<FieldDefinition> fields, Locale locale) =>
        RepairObject(record, scaffold, fields, locale, root: true);

    private static int RepairObject(DataRecord record, DataRecord scaffold, IReadOnlyList<FieldDefinition> fields, Locale locale, bool root)
    {
        var repaired = 0;
        var wrong = new List<string>();
        string? city = null, region = null, postcode = null;
        var placeFields = new List<string>(3);
        foreach (var field in fields)
        {
            if (!record.TryGetValue(field.Name, out var value) || value is null)
            {
                continue;
            }

            switch (value)
            {
                case DataRecord nested when scaffold.GetValueOrDefault(field.Name) is DataRecord like:
                    repaired += RepairNested(record, field, nested, like, locale);
                    continue;
                case List<object?> list when field.Items is { Kind: FieldKind.Object } items && scaffold.GetValueOrDefault(field.Name) is List<object?> { Count: > 0 } likes:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is DataRecord item && likes[i % likes.Count] is DataRecord likeItem && RepairObject(item, likeItem, items.Fields, locale, root: false) < 0)
                        {
                            list[i] = RecordBuilder.DeepCopy(likeItem);
                            repaired++;
                        }
                    }

                    continue;
            }

            if (value is not string text || field.Choices.Count > 0 || field.Pattern is not null)
            {
                continue;
            }

            var semantic = field.Kind switch
            {
                FieldKind.Phone => "phone",
                FieldKind.Email => "email",
                _ => FieldNameSemantics.Infer(field, fields),
            };
            switch (semantic)
            {
                case "city":
                    city = text;
                    placeFields.Add(field.Name);
                    break;
                case "state":
                    region = text;
                    placeFields.Add(field.Name);
                    break;
                case "zip":
                    postcode = text;
                    placeFields.Add(field.Name);
                    break;
                default:
                    if (!Conforms(semantic, text, locale))
                    {
                        wrong.Add(field.Name);
                    }

                    break;
            }
        }

        if (placeFields.Count > 0 && !IsOnePlace(locale, city, region, postcode))
        {
            wrong.AddRange(placeFields);
        }

        if (wrong.Count == 0)
        {
            return repaired;
        }

        if (!root)
        {
            // A nested object (an address) that does not hold together: the caller replaces it whole.
            return -1;
        }

        foreach (var name in wrong)
        {
            if (scaffold.TryGetValue(name, out var replacement))
            {
                record[name] = replacement;
                repaired++;
            }
            else
            {
                record.Remove(name);
            }
        }

        return repaired;
    }

    private static int RepairNested(DataRecord parent, FieldDefinition field, DataRecord nested, DataRecord like, Locale locale)
    {
        var repaired = RepairObject(nested, like, field.Fields, locale, root: false);
        if (repaired >= 0)
        {
            return repaired;
        }

        parent[field.Name] = RecordBuilder.DeepCopy(like);
        return 1;
    }

    private static bool Conforms(string? semantic, string text, Locale locale) => semantic switch
    {
        "country" => string.Equals(text, locale.Country, StringComparison.OrdinalIgnoreCase) || text == locale.CountryName,
        LocaleValues.CurrencySemantic => text == locale.Currency,
        "phone" => IsPhone(text, locale),
        "email" => s_asciiEmail.IsMatch(text),
        "first_name" or "last_name" or "full_name" => !locale.FamilyFirst || s_cjk.IsMatch(text.Replace(" ", "", StringComparison.Ordinal)),
        _ => true,
    };

    private static bool IsOnePlace(Locale locale, string? city, string? region, string? postcode) =>
        locale.Places.Any(p => (city ?? p.City) == p.City && (region ?? p.Region) == p.Region && (postcode ?? p.Postcode) == p.Postcode);

    /// <summary>A number from the locale's templates, however the model spaced it (<c>+49 151 2345 6789</c>).</summary>
    internal static bool IsPhone(string text, Locale locale)
    {
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        var number = digits.ToString();
        return number.Length == locale.CallingCode.Length + locale.NationalLength && PhonePattern(locale).IsMatch(number);
    }

    private static Regex PhonePattern(Locale locale) => s_phonePatterns.GetOrAdd(locale.Name, _ =>
    {
        var areas = string.Join('|', locale.Places.Select(p => p.AreaCode).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal));
        var alternatives = locale.Phones.Select(template => Regex.Escape(template)
            .Replace(@"\{area}", $"(?:{areas})", StringComparison.Ordinal)
            .Replace(@"\#", @"\d", StringComparison.Ordinal)
            .Replace("D", "[1-9]", StringComparison.Ordinal)
            .Replace("N", "[2-9]", StringComparison.Ordinal)
            .Replace(@"\*", @"\d*", StringComparison.Ordinal));
        return new Regex($"^(?:{string.Join('|', alternatives)})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    });
}
