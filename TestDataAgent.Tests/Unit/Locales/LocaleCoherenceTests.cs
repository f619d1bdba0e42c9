using System.Text.RegularExpressions;
using PhoneNumbers;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit.Locales;

/// <summary>
/// Every supported locale over all built-in entities: records valid and coherent, and true to the country within a
/// record and its nested objects (phones by libphonenumber, postcodes by the country's format, city/region/postcode
/// from one real place, country and currency codes, names in the script, money in the currency's decimals).
/// </summary>
public sealed class LocaleCoherenceTests
{
    private const int RecordsPerEntity = 12;

    private static readonly PhoneNumberUtil s_phones = PhoneNumberUtil.GetInstance();
    private static readonly Regex s_asciiEmail = new(@"^[a-z0-9._+-]+@[a-z0-9.-]+\.[a-z]{2,}$");
    private static readonly Regex s_asciiName = new(@"^[a-z0-9._]+$");
    private static readonly Regex s_japanese = new(@"^[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}々]+$");
    private static readonly Regex s_chinese = new(@"^\p{IsCJKUnifiedIdeographs}+$");

    [Theory]
    [MemberData(nameof(LocaleExpectations.All), MemberType = typeof(LocaleExpectations))]
    public void EveryEntityInALocaleIsValidCoherentAndTrueToItsCountry(string locale)
    {
        var check = new Checker(locale);
        var validator = new RecordValidator();
        var scorer = new CoherenceScorer();
        foreach (var entity in TestRequests.AllEntities)
        {
            var request = Request(entity, locale);
            foreach (var record in TestRequests.Generate(request))
            {
                var index = (long)record[DataRecord.IndexField]!;
                check.Problems.AddRange(validator.Validate(record, request.Schema, index).Select(v => $"{entity}[{index}] invalid: {v.Message}"));
                if (scorer.Score(record, request.Schema) < 1.0)
                {
                    check.Problems.Add($"{entity}[{index}] is not coherent");
                }

                check.Object(record, request.Schema.Fields, $"{entity}[{index}]");
                check.Money(record, request.Schema, $"{entity}[{index}]");
            }
        }

        Assert.True(check.Problems.Count == 0, string.Join('\n', check.Problems.Take(30)));
        // The checks ran on real values, not on entities without any.
        Assert.True(check.Phones > 20 && check.Places > 20 && check.Countries > 20 && check.Currencies > 20 && check.Names > 20 && check.Emails > 20,
            $"phones {check.Phones}, places {check.Places}, countries {check.Countries}, currencies {check.Currencies}, names {check.Names}, emails {check.Emails}");
    }

    internal static GenerationRequest Request(string entity, string locale, int count = RecordsPerEntity, long seed = 7) =>
        TestRequests.Validator().Validate(new GenerationRequestInput { Entity = entity, Count = count, Seed = seed, ReferenceTime = "2026-06-01T12:00:00Z", Locale = locale }, RequestMode.Stream);

    private sealed class Checker(string locale)
    {
        private readonly LocaleExpectations.Expected _expected = LocaleExpectations.ByLocale[locale];
        private readonly IReadOnlyList<LocalePlace> _places = LocaleCatalog.Find(locale)!.Places;

        public List<string> Problems { get; } = [];

        public int Phones { get; private set; }

        public int Places { get; private set; }

        public int Countries { get; private set; }

        public int Currencies { get; private set; }

        public int Names { get; private set; }

        public int Emails { get; private set; }

        public void Object(DataRecord value, IReadOnlyList<FieldDefinition> fields, string path)
        {
            string? city = null, region = null, postcode = null;
            foreach (var field in fields)
            {
                if (!value.TryGetValue(field.Name, out var raw) || raw is null)
                {
                    continue;
                }

                var at = $"{path}.{field.Name}";
                switch (raw)
                {
                    case DataRecord nested:
                        Object(nested, field.Fields, at);
                        continue;
                    case List<object?> list when field.Items is { } items:
                        for (var i = 0; i < list.Count; i++)
                        {
                            if (list[i] is DataRecord item)
                            {
                                Object(item, items.Fields, $"{at}[{i}]");
                            }
                        }

                        continue;
                }

                // A field with its own choices or pattern takes its values from them, not from a meaning.
                if (raw is not string text || field.Choices.Count > 0 || field.Pattern is not null)
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
                    case "phone":
                        Phones++;
                        Expect(IsValidPhone(text), at, $"'{text}' is not a valid {_expected.Country} phone number");
                        break;
                    case "email":
                        Emails++;
                        Expect(s_asciiEmail.IsMatch(text), at, $"'{text}' is not an ASCII email address");
                        break;
                    case "username":
                        Expect(s_asciiName.IsMatch(text), at, $"'{text}' is not an ASCII username");
                        break;
                    case "country":
                        Countries++;
                        Expect(text == _expected.Country, at, $"'{text}' is not {_expected.Country}");
                        break;
                    case LocaleValues.CurrencySemantic:
                        Currencies++;
                        Expect(text == _expected.Currency, at, $"'{text}' is not {_expected.Currency}");
                        break;
                    case "city":
                        city = text;
                        break;
                    case "state":
                        region = text;
                        break;
                    case "zip":
                        postcode = text;
                        Expect(_expected.Postcode.IsMatch(text), at, $"'{text}' is not a {_expected.Country} postcode");
                        break;
                    case "first_name" or "last_name" or "full_name":
                        Names++;
                        Expect(InScript(text), at, $"'{text}' is not written in the {locale} script");
                        break;
                    case "location":
                        Expect(_places.Any(p => text.Contains(p.City, StringComparison.Ordinal)), at, $"'{text}' names no {locale} city");
                        break;
                }
            }

            if (city is not null || region is not null || postcode is not null)
            {
                Places++;
                Expect(_places.Any(p => (city ?? p.City) == p.City && (region ?? p.Region) == p.Region && (postcode ?? p.Postcode) == p.Postcode),
                    path, $"{city} / {region} / {postcode} is not one place of {locale}");
            }
        }

        /// <summary>Amounts (the meanings that are money, and what the derive rules compute) have the currency's decimals.</summary>
        public void Money(DataRecord record, EntitySchema schema, string path)
        {
            var targets = schema.Derivations.Where(d => d is SumRule or SumOfItemsRule or PercentOfRule or ProductRule).Select(d => d.Target);
            foreach (var field in schema.Fields.Where(f => f.Kind == FieldKind.Float && (targets.Contains(f.Name) || IsMoney(f))))
            {
                if (record.GetValueOrDefault(field.Name) is decimal amount)
                {
                    Expect(amount.Scale == _expected.Decimals, $"{path}.{field.Name}", $"{amount} does not have {_expected.Decimals} decimals");
                }
            }
        }

        private static bool IsMoney(FieldDefinition field) => field.Semantic is "price" or "shipping_cost" or "order_amount" or LocaleValues.MoneySemantic;

        private bool IsValidPhone(string text)
        {
            try
            {
                return text.StartsWith('+') && s_phones.IsValidNumberForRegion(s_phones.Parse(text, null), _expected.Country);
            }
            catch (NumberParseException)
            {
                return false;
            }
        }

        private bool InScript(string name) => locale switch
        {
            "ja_JP" => s_japanese.IsMatch(name),
            "zh_CN" => s_chinese.IsMatch(name),
            // Latin-script locales: letters, spaces, hyphens and apostrophes, in any alphabet of the Latin script.
            _ => name.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '.') && !name.Any(c => c >= '\u3000'),
        };

        private void Expect(bool ok, string path, string message)
        {
            if (!ok)
            {
                Problems.Add($"{path}: {message}");
            }
        }
    }
}
