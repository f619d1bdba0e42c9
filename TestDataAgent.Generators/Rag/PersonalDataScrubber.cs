using System.Text.RegularExpressions;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Replaces personal data in recorded records before anything is stored: fields that by type, meaning or name hold
/// emails, phones, names, addresses, card or identity numbers (and objects or arrays holding any) take the value of a
/// generated record for the same entity; inside free text (descriptions, comments, any other string) email addresses,
/// IBANs, card-like digit runs, social security numbers, phone numbers, street addresses and titled names
/// (<c>Mrs. Alvarez</c>) are masked by pattern (<see cref="MaskFreeText"/>). The replacement is seeded from the record's
/// non-personal content, so the same record always scrubs the same way.
/// </summary>
public sealed partial class PersonalDataScrubber(TraditionalGenerator generator, RecordValidator validator)
{
    private static readonly HashSet<string> s_personalSemantics = new(StringComparer.Ordinal)
    {
        "first_name", "last_name", "full_name", "email", "phone", "street", "zip", "username", "ipv4", "card_last_four",
    };

    private static readonly string[] s_personalNameParts =
        ["email", "phone", "mobile", "street", "address", "zip", "postal", "card", "iban", "ssn", "passport", "birth", "dob", "tax_id", "national_id", "ip_address",
         "surname", "given_name", "full_name", "contact_name", "social_security", "licence", "license_number", "account_number", "bic", "swift"];

    /// <summary>Whether a field holds personal data, by type, meaning or name, at any depth.</summary>
    public static bool IsPersonal(FieldDefinition field, IReadOnlyList<FieldDefinition> siblings)
    {
        if (field.Kind is FieldKind.Email or FieldKind.Phone or FieldKind.Address)
        {
            return true;
        }

        if (FieldNameSemantics.Infer(field, siblings) is { } semantic && s_personalSemantics.Contains(semantic))
        {
            return true;
        }

        var name = field.Name.ToLowerInvariant();
        if (s_personalNameParts.Any(part => name.Contains(part, StringComparison.Ordinal)))
        {
            return true;
        }

        return field.Kind switch
        {
            FieldKind.Object => field.Fields.Any(f => IsPersonal(f, field.Fields)),
            FieldKind.Array => field.Items is { } items && (items.Fields.Count > 0 ? items.Fields.Any(f => IsPersonal(f, items.Fields)) : IsPersonal(items with { Name = field.Name }, siblings)),
            _ => false,
        };
    }

    /// <summary>The records with their personal data replaced; the result is valid when the input was.</summary>
    public IReadOnlyList<DataRecord> Scrub(IReadOnlyList<DataRecord> records, EntitySchema schema)
    {
        var personal = schema.Fields.Where(f => IsPersonal(f, schema.Fields)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var scrubbed = new List<DataRecord>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var donor = Donor(record, personal, schema, i);
            var copy = new DataRecord(record.Count);
            foreach (var (name, value) in record)
            {
                if (personal.Contains(name))
                {
                    if (donor.TryGetValue(name, out var replacement))
                    {
                        copy[name] = replacement;
                    }

                    // A personal field the generated record lacks (optional) is dropped, never kept.
                    continue;
                }

                copy[name] = MaskText(value);
            }

            // Masked free text that no longer fits its field takes the generated value.
            foreach (var violation in validator.Validate(copy, schema, i))
            {
                var top = TopLevel(violation.Field);
                if (donor.TryGetValue(top, out var replacement))
                {
                    copy[top] = replacement;
                }
            }

            scrubbed.Add(copy);
        }

        return scrubbed;
    }

    private DataRecord Donor(DataRecord record, HashSet<string> personal, EntitySchema schema, int index)
    {
        var impersonal = new DataRecord();
        foreach (var (name, value) in record)
        {
            if (!personal.Contains(name))
            {
                impersonal[name] = value;
            }
        }

        var seed = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Output.RecordJson.ToJson(impersonal) + "#" + index)));
        var request = new GenerationRequest
        {
            Schema = schema,
            Count = 1,
            Scenarios = [new ScenarioPlan("default", 1, "", new Dictionary<string, object?>())],
            Seed = seed,
            ReferenceTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        return generator.GenerateAsync(request, CancellationToken.None).ToBlockingEnumerable().First();
    }

    /// <summary>Free text with personal data masked by pattern; other text is kept as it is.</summary>
    public static string MaskFreeText(string text)
    {
        text = EmailLike().Replace(text, "someone@example.com");
        text = IbanLike().Replace(text, "[iban]");
        text = CardLike().Replace(text, "[card]");
        text = SsnLike().Replace(text, "[national-id]");
        text = PhoneLike().Replace(text, "[phone]");
        text = StreetLike().Replace(text, "[address]");
        return TitledName().Replace(text, "[name]");
    }

    private static object? MaskText(object? value) => value switch
    {
        string text => MaskFreeText(text),
        DataRecord nested => MaskRecord(nested),
        List<object?> list => list.Select(MaskText).ToList(),
        _ => value,
    };

    private static DataRecord MaskRecord(DataRecord record)
    {
        var copy = new DataRecord(record.Count);
        foreach (var (name, value) in record)
        {
            copy[name] = MaskText(value);
        }

        return copy;
    }

    private static string TopLevel(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailLike();

    [GeneratedRegex(@"\b(?:\d[ -]?){12,18}\d\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CardLike();

    // Two letters, two check digits, then 11 to 30 letters or digits, in groups of four or not.
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IbanLike();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SsnLike();

    // +1 415 867 5309, (415) 867-5309, 415.867.5309, 030 1234 5678: an optional country code, an area code, two groups.
    [GeneratedRegex(@"(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\b\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"\b\d{1,6} (?:[A-Z][A-Za-z'-]+ ){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Terrace|Way|Place|Pl|Square|Sq)\b\.?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StreetLike();

    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? [A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TitledName();
}
