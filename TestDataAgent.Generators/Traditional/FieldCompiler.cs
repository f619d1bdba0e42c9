using System.Globalization;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Compiles schema fields into <see cref="FieldPlan"/>s: the decisions are made once, not per record. The plans hold
/// nothing of a request but what <paramref name="count"/> decides (the digits of unique emails): the seed, reference
/// time and random sequence are read from the <see cref="GenerationContext"/> each value is made with, and a keyed ID
/// permutation is made once per context (<see cref="GenerationContext.Permutation"/>), so plans can be shared by every
/// request of the same schema (<see cref="FieldPlanCache"/>). Only edge cases (<paramref name="edgeCaseReference"/>,
/// the request's reference time) are compiled into the plans, which are then the request's own.
/// </summary>
internal sealed class FieldCompiler(long count, IReadOnlyList<DerivationRule> derivations, DateTimeOffset? edgeCaseReference = null)
{
    private const int MaxUniqueRedraws = 20;

    // With the edge_case hint, an optional field is left out of about one record in seven.
    private const double OptionalPresenceInEdgeCases = 0.85;

    private int _permutations;

    /// <summary>How many keyed ID permutations the compiled plans use (slots of <see cref="GenerationContext.Permutation"/>).</summary>
    public int PermutationSlots => _permutations;

    public IReadOnlyList<FieldPlan> CompileFields(IReadOnlyList<FieldDefinition> fields) =>
        fields.Select(field => Compile(field, fields)).ToList();

    private FieldPlan Compile(FieldDefinition field, IReadOnlyList<FieldDefinition> siblings) =>
        new(field, WithEdgeCases(field, siblings, ScalarGenerators.WithLengthBounds(field, Generator(field, siblings))), OverrideConverter.KeyOf(field))
        {
            Deferred = field.Kind == FieldKind.Email || FieldNameSemantics.Infer(field, siblings) == "email",
            PresenceProbability = field.Required || edgeCaseReference is null ? 1.0 : OptionalPresenceInEdgeCases,
        };

    private ValueGenerator WithEdgeCases(FieldDefinition field, IReadOnlyList<FieldDefinition> siblings, ValueGenerator inner)
    {
        if (edgeCaseReference is not { } reference)
        {
            return inner;
        }

        // Dates leave the room later fields need (a delivery at least 12 hours after shipping).
        var latest = reference - (IsTopLevel(field) ? Headroom(field.Name) : TimeSpan.Zero);
        var edges = EdgeCaseValues.For(field, FieldNameSemantics.Infer(field, siblings), latest);
        return edges.Count == 0
            ? inner
            : (c, scope) => c.Random.Bool(EdgeCaseValues.Probability) ? edges[c.Random.Number(0, edges.Count - 1)] : inner(c, scope);
    }

    private ValueGenerator Generator(FieldDefinition field, IReadOnlyList<FieldDefinition> siblings)
    {
        if (IdTemplate.IsTemplate(field.Format))
        {
            return TemplateGenerator(field);
        }

        if (field.Kind == FieldKind.String && field.Choices.Count > 0)
        {
            var choices = field.Choices.ToArray();
            return (c, _) => choices[c.Random.Number(0, choices.Length - 1)];
        }

        if (IsTopLevel(field) && (field.Kind == FieldKind.Email || FieldNameSemantics.Infer(field, siblings) == "email"))
        {
            return UniqueEmailGenerator(field);
        }

        // A pattern decides the value: it is the caller's or the schema's rule, stronger than a meaning guessed from the name.
        if (field.Kind == FieldKind.String && field.Pattern is { Length: > 0 } pattern)
        {
            var source = RegexValueSource.Create(pattern, field.MinLength ?? 0, field.MaxLength ?? 64);
            // Drawn from the record's own sequence, so the value depends on the record alone (never on a match timeout).
            return (c, _) => source.Next(c.Source);
        }

        if (field.Kind is FieldKind.Integer or FieldKind.Float && field.Values.Count > 0)
        {
            var allowed = field.Values.Select(v => field.Kind == FieldKind.Integer
                ? (object)long.Parse(v, CultureInfo.InvariantCulture)
                : decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            return (c, _) => allowed[c.Random.Number(0, allowed.Length - 1)];
        }

        var semantic = FieldNameSemantics.Infer(field, siblings);
        if (field.Kind == FieldKind.Enum)
        {
            var fromValues = ScalarGenerators.EnumGenerator(field);
            if (semantic is not null && SemanticValues.For(semantic) is { } meaning)
            {
                // A meaning (the record's theme category) wins when it is one of the allowed values.
                return (c, scope) => meaning(c, scope) is string value && field.Values.Contains(value) ? value : fromValues(c, scope);
            }

            return fromValues;
        }

        if (semantic is not null && field.Kind is FieldKind.String or FieldKind.Email or FieldKind.Phone or FieldKind.Address or FieldKind.Uuid
            or FieldKind.Integer or FieldKind.Float && SemanticValues.For(semantic) is { } semanticGenerator)
        {
            return field.Kind switch
            {
                FieldKind.Integer => ScalarGenerators.Clamped(field, semanticGenerator),
                FieldKind.Float => ScalarGenerators.Clamped(field, semanticGenerator),
                _ => semanticGenerator,
            };
        }

        return field.Kind switch
        {
            FieldKind.String => ScalarGenerators.StringGenerator(field),
            FieldKind.Email => SemanticValues.For("email")!,
            FieldKind.Phone => SemanticValues.For("phone")!,
            FieldKind.Address => SemanticValues.For("address")!,
            FieldKind.Uuid => SemanticValues.For("uuid")!,
            FieldKind.Integer => ScalarGenerators.IntegerGenerator(field),
            FieldKind.Float => ScalarGenerators.FloatGenerator(field),
            FieldKind.Boolean => ScalarGenerators.BooleanGenerator(field),
            FieldKind.Date => DateGenerator(field),
            FieldKind.DateTime => DateTimeGenerator(field),
            FieldKind.Object => ObjectGenerator(CompileFields(field.Fields)),
            FieldKind.Array => ArrayGenerator(field),
            _ => static (c, _) => c.Random.DataSetItem(BogusList.Words),
        };
    }

    private ValueGenerator TemplateGenerator(FieldDefinition field)
    {
        var template = IdTemplate.Parse(field.Format!);
        var space = IdTemplate.Pow10(template.RandomDigits);
        if (IsTopLevel(field) && template.RandomDigits > 0)
        {
            // A top-level ID: a permutation of the record index keyed by the seed, so no two records share one (up to
            // 10^digits records).
            var slot = _permutations++;
            var salt = (ulong)StableHash(field.Path);
            return (c, scope) => template.Render(c.Permutation(slot, space, salt).Map((ulong)c.RecordIndex % space), c.ReferenceTime, c.RecordIndex, scope);
        }

        return (c, scope) => template.Render((ulong)c.Random.Long(0, (long)(space - 1)), c.ReferenceTime, c.RecordIndex, scope);
    }

    private ValueGenerator UniqueEmailGenerator(FieldDefinition field)
    {
        // The last dot-separated part of the local name is a permutation of the record index: emails never repeat.
        var space = IdTemplate.Pow10(EmailDigits(count));
        var slot = _permutations++;
        var salt = (ulong)StableHash(field.Path);
        var email = SemanticValues.For("email")!;
        return (c, scope) =>
        {
            var permutation = c.Permutation(slot, space, salt);
            if (c.Locale is null)
            {
                // The original generator's address, made with its unique part in one string.
                return SemanticValues.UniqueEmail(c, scope, permutation.Map((ulong)c.RecordIndex % space));
            }

            var address = (string)email(c, scope)!;
            var at = address.IndexOf('@', StringComparison.Ordinal);
            // Edge cases: plus-addressing, which many sign-up forms wrongly reject.
            var tag = c.EdgeCases && c.Random.Bool(EdgeCaseValues.Probability) ? "+qa" : "";
            return string.Create(CultureInfo.InvariantCulture, stackalloc char[256], $"{address.AsSpan(0, at)}.{permutation.Map((ulong)c.RecordIndex % space)}{tag}{address.AsSpan(at)}");
        };
    }

    /// <summary>Digits of the unique part of an email for a run of <paramref name="records"/>: the one thing a plan takes from the request.</summary>
    public static int EmailDigits(long records) => Math.Max(2, (int)Math.Ceiling(Math.Log10(Math.Max(10, records) * 10.0)));

    private static bool IsTopLevel(FieldDefinition field) => !field.Path.Contains('.', StringComparison.Ordinal) && !field.Path.Contains('[', StringComparison.Ordinal);

    /// <summary>
    /// How far before the reference time a date must lie so the rules that follow it (a shipment delivered at least
    /// 12 hours after shipping) still fit before the reference time.
    /// </summary>
    private TimeSpan Headroom(string field, int depth = 0)
    {
        var hours = 0.0;
        foreach (var rule in derivations)
        {
            if (rule is NotBeforeRule { AllowFuture: false } notBefore && notBefore.Reference == field && depth < 8)
            {
                hours = Math.Max(hours, notBefore.MinGapHours + Headroom(notBefore.Target, depth + 1).TotalHours);
            }
        }

        return TimeSpan.FromHours(hours);
    }

    private ValueGenerator DateGenerator(FieldDefinition field)
    {
        var headroom = IsTopLevel(field) ? Headroom(field.Name) : TimeSpan.Zero;
        var name = field.Name.ToLowerInvariant();
        if (name.Contains("birth", StringComparison.Ordinal) || name == "dob")
        {
            return (c, _) => IsoText.Date(c.ReferenceTime.AddDays(-c.Random.Double(18 * 365.25, 80 * 365.25)));
        }

        return ScalarGenerators.IsFutureName(name)
            ? (c, _) => IsoText.Date(ScalarGenerators.RandomFuture(c))
            : (c, _) => IsoText.Date(ScalarGenerators.RandomPast(c, ScalarGenerators.History, headroom));
    }

    private ValueGenerator DateTimeGenerator(FieldDefinition field)
    {
        var headroom = IsTopLevel(field) ? Headroom(field.Name) : TimeSpan.Zero;
        return ScalarGenerators.IsFutureName(field.Name.ToLowerInvariant())
            ? (c, _) => IsoText.DateTime(ScalarGenerators.RandomFuture(c))
            : (c, _) => IsoText.DateTime(ScalarGenerators.RandomPast(c, ScalarGenerators.History, headroom));
    }

    private static ValueGenerator ObjectGenerator(IReadOnlyList<FieldPlan> plans) =>
        (c, _) =>
        {
            c.BeginObject();
            var value = c.NewRecord(plans.Count);
            RecordBuilder.Fill(c, value, plans, overrides: null);
            return value;
        };

    private ValueGenerator ArrayGenerator(FieldDefinition field)
    {
        var minItems = field.MinItems ?? 1;
        var maxItems = Math.Max(minItems, field.MaxItems ?? Math.Max(minItems, 5));
        var item = field.Items ?? new FieldDefinition { Name = "item", Path = $"{field.Path}[]", Kind = FieldKind.String, MinLength = 3, MaxLength = 12 };
        var itemPlan = Compile(item, []);
        return (c, scope) =>
        {
            var length = c.Random.Number(minItems, maxItems);
            var list = c.NewList(length);
            var seen = field.UniqueItems ? new HashSet<string>(StringComparer.Ordinal) : null;
            for (var i = 0; i < length; i++)
            {
                var value = itemPlan.Generate(c, scope);
                if (seen is not null)
                {
                    var json = RecordJson.ToJson(value);
                    for (var redraw = 0; seen.Contains(json) && redraw < MaxUniqueRedraws; redraw++)
                    {
                        value = itemPlan.Generate(c, scope);
                        json = RecordJson.ToJson(value);
                    }

                    // A small item domain can run out of distinct values: stop once the array is long enough, else keep the repeat.
                    if (!seen.Add(json) && list.Count >= minItems)
                    {
                        break;
                    }
                }

                list.Add(value);
            }

            return list;
        };
    }

    private static long StableHash(string text)
    {
        // FNV-1a: string.GetHashCode is randomised per process and would break determinism.
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return (long)hash;
    }
}
