using System.Globalization;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Turns what a model wrote into a valid, coherent record: the model's values for the fields it writes, converted to the
/// fields' types and checked one by one; the scaffold's (the traditional generator's record for the same index) for
/// IDs, timestamps, derived fields, overridden fields and anything the model got wrong or left out. Derived fields are
/// then computed again, so totals add up with the model's items. Used in index order by one request.
/// </summary>
internal sealed class LlmRecordMerger
{
    // Texts this long are compared for duplicates: models repeat themselves across batches.
    private const int DistinctTextLength = 24;

    private readonly EntitySchema _schema;
    private readonly RecordValidator _validator;
    private readonly CoherenceScorer _scorer;
    private readonly Dictionary<string, EntitySchema> _fieldSchemas;
    private readonly HashSet<string> _seenTexts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenEmails = new(StringComparer.OrdinalIgnoreCase);

    private readonly LocaleMix _locales;
    private readonly long _seed;

    // locales: a model's value from the wrong country is replaced as an invalid one is; seed: with the index it decides a
    // record's locale in a mix.
    public LlmRecordMerger(EntitySchema schema, RecordValidator validator, CoherenceScorer scorer, LocaleMix? locales = null, long seed = 0)
    {
        _locales = locales ?? LocaleMix.Default;
        _seed = seed;
        _schema = schema;
        _validator = validator;
        _scorer = scorer;
        ServiceFields = SchemaPromptWriter.ServiceFields(schema);
        _fieldSchemas = schema.Fields.ToDictionary(f => f.Name, f => schema with { Fields = [f], Derivations = [] }, StringComparer.Ordinal);
    }

    public IReadOnlySet<string> ServiceFields { get; }

    /// <summary>Fields the merge took from the scaffold because the model's value was missing, wrong or repeated.</summary>
    public int RepairedFields { get; private set; }

    /// <summary>Model records that could not be made valid and coherent, so the scaffold was used whole.</summary>
    public int ReplacedRecords { get; private set; }

    public DataRecord Merge(DataRecord candidate, DataRecord scaffold, long index, ScenarioPlan scenario, TraditionalSession session)
    {
        var merged = new DataRecord(scaffold.Count);
        foreach (var field in _schema.Fields)
        {
            var fromScaffold = scaffold.TryGetValue(field.Name, out var scaffoldValue);
            if (ServiceFields.Contains(field.Name) || scenario.Overrides.ContainsKey(field.Name) ||
                !candidate.TryGetValue(field.Name, out var raw) || raw is null)
            {
                if (fromScaffold)
                {
                    merged[field.Name] = scaffoldValue;
                }

                continue;
            }

            var value = Coerce(raw, field, scaffoldValue);
            if (value is not null && IsValid(field, value, index) && IsDistinct(field, value))
            {
                merged[field.Name] = value;
            }
            else if (fromScaffold)
            {
                RepairedFields++;
                merged[field.Name] = scaffoldValue;
            }
        }

        if (_locales.For(_seed, index) is { } locale)
        {
            RepairedFields += LocaleConformance.Repair(merged, scaffold, _schema.Fields, locale);
        }

        merged[DataRecord.ScenarioField] = scaffold[DataRecord.ScenarioField];
        merged[DataRecord.IndexField] = scaffold[DataRecord.IndexField];
        session.Rederive(merged, index, scenario);

        // A derived field under a request constraint (a total below 60) can break with the model's items: take the
        // scaffold's values for what is wrong, then the whole scaffold if that is not enough.
        if (_validator.Validate(merged, _schema, index) is { Count: > 0 } violations)
        {
            foreach (var root in violations.Select(v => RootOf(v.Field)).Distinct(StringComparer.Ordinal))
            {
                if (scaffold.TryGetValue(root, out var replacement))
                {
                    merged[root] = replacement;
                    RepairedFields++;
                }
            }

            session.Rederive(merged, index, scenario);
        }

        if (_validator.Validate(merged, _schema, index).Count > 0 || _scorer.Score(merged, _schema) < 1.0)
        {
            ReplacedRecords++;
            return scaffold;
        }

        Remember(merged);
        return merged;
    }

    private bool IsValid(FieldDefinition field, object value, long index)
    {
        var single = new DataRecord(1) { [field.Name] = value };
        return _validator.Validate(single, _fieldSchemas[field.Name], index).Count == 0;
    }

    private bool IsDistinct(FieldDefinition field, object value) => value switch
    {
        string email when field.Kind == FieldKind.Email || field.Name.Contains("email", StringComparison.OrdinalIgnoreCase) => !_seenEmails.Contains(email),
        string text when text.Length >= DistinctTextLength => !_seenTexts.Contains(TextFingerprint.Of(text)),
        _ => true,
    };

    private void Remember(DataRecord record)
    {
        foreach (var field in _schema.Fields)
        {
            if (ServiceFields.Contains(field.Name) || record.GetValueOrDefault(field.Name) is not string text)
            {
                continue;
            }

            if (field.Kind == FieldKind.Email || field.Name.Contains("email", StringComparison.OrdinalIgnoreCase))
            {
                _seenEmails.Add(text);
            }
            else if (text.Length >= DistinctTextLength)
            {
                _seenTexts.Add(TextFingerprint.Of(text));
            }
        }
    }

    private static string RootOf(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    /// <summary>The model's value in the field's type, shaped like the scaffold's (money with two decimals); <see langword="null"/> when it cannot be.</summary>
    internal static object? Coerce(object? value, FieldDefinition field, object? like)
    {
        switch (field.Kind)
        {
            case FieldKind.Integer:
                return value switch
                {
                    long l => l,
                    decimal d when d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
                    double d when d == Math.Truncate(d) && Math.Abs(d) < 9e18 => (long)d,
                    string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                    _ => null,
                };
            case FieldKind.Float:
                decimal? number = value switch
                {
                    long l => l,
                    decimal d => d,
                    double d when double.IsFinite(d) && Math.Abs(d) < 7.9e27 => (decimal)d,
                    string s when decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                    _ => null,
                };
                return number is not { } n ? null : like switch
                {
                    double => (double)n,
                    decimal shape => Math.Round(n, shape.Scale, MidpointRounding.AwayFromZero) + new decimal(0, 0, 0, false, shape.Scale),
                    _ => n,
                };
            case FieldKind.Boolean:
                return value switch
                {
                    bool b => b,
                    string s when bool.TryParse(s.Trim(), out var b) => b,
                    _ => null,
                };
            case FieldKind.Enum:
                return value is string choice ? field.Values.FirstOrDefault(v => string.Equals(v, choice.Trim(), StringComparison.OrdinalIgnoreCase)) ?? choice : null;
            case FieldKind.Object:
                return value is DataRecord nested ? MergeNested(nested, field.Fields, like as DataRecord) : null;
            case FieldKind.Array:
                if (value is not List<object?> list)
                {
                    return null;
                }

                var likeItems = like as List<object?>;
                var items = new List<object?>(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    var likeItem = likeItems is { Count: > 0 } ? likeItems[i % likeItems.Count] : null;
                    var item = field.Items is { } itemField ? Coerce(list[i], itemField, likeItem) : list[i];
                    if (item is null)
                    {
                        return null;
                    }

                    items.Add(item);
                }

                return items;
            default:
                return value switch
                {
                    string s => s,
                    long or decimal or double => Convert.ToString(value, CultureInfo.InvariantCulture),
                    _ => null,
                };
        }
    }

    /// <summary>A nested object: the model's values where they convert, the scaffold's for IDs, timestamps and the rest.</summary>
    private static DataRecord? MergeNested(DataRecord candidate, IReadOnlyList<FieldDefinition> fields, DataRecord? like)
    {
        var merged = new DataRecord(fields.Count);
        foreach (var field in fields)
        {
            object? likeValue = null;
            var hasLike = like is not null && like.TryGetValue(field.Name, out likeValue);
            if ((SchemaPromptWriter.IsServiceValue(field) || !candidate.TryGetValue(field.Name, out var raw) || raw is null) && hasLike)
            {
                merged[field.Name] = likeValue;
                continue;
            }

            if (candidate.TryGetValue(field.Name, out raw) && raw is not null)
            {
                if (Coerce(raw, field, likeValue) is { } value)
                {
                    merged[field.Name] = value;
                }
                else if (hasLike)
                {
                    merged[field.Name] = likeValue;
                }
            }
        }

        return merged;
    }
}
