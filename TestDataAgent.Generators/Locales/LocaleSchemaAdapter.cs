using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// A request's schema as its locales need it, applied once at validation (so generation, validation, the SQL DDL and
/// the prompts all see the same schema): currency fields allow exactly the mix's ISO 4217 codes and hold the record's;
/// amounts of money beside a currency are written in its minor units; country defaults no longer say <c>US</c>.
/// Without a locale the schema is returned as it is.
/// </summary>
public static class LocaleSchemaAdapter
{
    private static readonly string[] s_moneyWords = ["amount", "price", "cost", "total", "tax", "fee", "balance", "value", "discount", "refund", "shipping"];

    public static EntitySchema Adapt(EntitySchema schema, LocaleMix locales) =>
        locales.IsDefault ? schema : schema with { Fields = AdaptFields(schema.Fields, locales) };

    private static List<FieldDefinition> AdaptFields(IReadOnlyList<FieldDefinition> fields, LocaleMix locales)
    {
        var hasCurrency = fields.Any(IsCurrency);
        return fields.Select(field => AdaptField(field, locales, hasCurrency)).ToList();
    }

    private static FieldDefinition AdaptField(FieldDefinition field, LocaleMix locales, bool besideCurrency)
    {
        if (IsCurrency(field))
        {
            return field.Kind == FieldKind.Enum
                ? field with { Values = locales.Currencies, Weights = [], Default = locales.Currencies[0], Semantic = LocaleValues.CurrencySemantic }
                : field with { Semantic = LocaleValues.CurrencySemantic, Default = null };
        }

        if (field.Kind == FieldKind.Float && field.Semantic is null && besideCurrency && IsMoneyName(field.Name))
        {
            return field with { Semantic = LocaleValues.MoneySemantic };
        }

        if (field.Kind == FieldKind.String && field.Default is "US" && field.Name.Contains("country", StringComparison.OrdinalIgnoreCase))
        {
            return field with { Default = null };
        }

        return field switch
        {
            { Kind: FieldKind.Object } => field with { Fields = AdaptFields(field.Fields, locales) },
            { Kind: FieldKind.Array, Items: { } items } => field with { Items = AdaptField(items, locales, besideCurrency: false) },
            _ => field,
        };
    }

    /// <summary>A field that names a currency: <c>currency</c> or <c>*_currency</c>, an enum of ISO 4217 codes or a free string.</summary>
    private static bool IsCurrency(FieldDefinition field)
    {
        var name = field.Name.ToLowerInvariant();
        if (name is not ("currency" or "currency_code") && !name.EndsWith("_currency", StringComparison.Ordinal))
        {
            return false;
        }

        return field.Kind switch
        {
            FieldKind.Enum => field.Values.Count > 0 && field.Values.All(v => v.Length == 3 && v.All(char.IsAsciiLetterUpper)),
            FieldKind.String => field.Pattern is null && field.Choices.Count == 0,
            _ => false,
        };
    }

    private static bool IsMoneyName(string name) =>
        s_moneyWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
