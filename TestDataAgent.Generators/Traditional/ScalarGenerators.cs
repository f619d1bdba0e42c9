using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>Value generators for one field that need nothing but the field's definition: by type, bounds and weights.</summary>
internal static class ScalarGenerators
{
    internal const string DateFormat = "yyyy-MM-dd";
    internal const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    internal static TimeSpan History { get; } = TimeSpan.FromDays(365);

    internal static ValueGenerator EnumGenerator(FieldDefinition field)
    {
        var values = field.Values.ToArray();
        if (field.Weights.Count == values.Length && values.Length > 0)
        {
            var weights = Normalise(field.Weights);
            return (c, _) => c.Random.WeightedRandom(values, weights);
        }

        return (c, _) => values[c.Random.Number(0, values.Length - 1)];
    }

    internal static ValueGenerator StringGenerator(FieldDefinition field)
    {
        var min = field.MinLength ?? 5;
        var max = Math.Max(min, field.MaxLength ?? Math.Max(min, 20));
        return field.Format switch
        {
            "email" => SemanticValues.For("email")!,
            "uuid" => SemanticValues.For("uuid")!,
            "uri" or "url" => SemanticValues.For("url")!,
            "ipv4" => SemanticValues.For("ipv4")!,
            "date" => (c, _) => IsoText.Date(RandomPast(c, History)),
            "date-time" or "iso8601" => (c, _) => IsoText.DateTime(RandomPast(c, History)),
            _ => (c, _) => Words(c, c.Random.Number(min, max)),
        };
    }

    internal static string Words(GenerationContext context, int length)
    {
        var text = context.Lorem.Sentence(Math.Max(1, length / 6) + 1);
        while (text.Length < length)
        {
            text += " " + context.Random.DataSetItem(BogusList.Words);
        }

        return text[..length].TrimEnd().PadRight(length, 'x');
    }

    internal static ValueGenerator IntegerGenerator(FieldDefinition field)
    {
        var min = (long)Math.Ceiling(field.Min ?? 0);
        var max = (long)Math.Floor(field.Max ?? Math.Max(min, 0) + 100);
        if (field.Weights.Count > 0 && field.Weights.Count == max - min + 1)
        {
            var values = Enumerable.Range(0, field.Weights.Count).Select(i => min + i).ToArray();
            var weights = Normalise(field.Weights);
            return (c, _) => c.Random.WeightedRandom(values, weights);
        }

        return (c, _) => c.Random.Long(min, max);
    }

    internal static ValueGenerator FloatGenerator(FieldDefinition field)
    {
        var min = (decimal)(field.Min ?? 0);
        var max = (decimal)(field.Max ?? (double)Math.Max(min, 0) + 1000);
        var minCents = (long)Math.Ceiling(min * 100);
        var maxCents = (long)Math.Floor(max * 100);
        if (field.Semantic == LocaleValues.MoneySemantic)
        {
            // An amount of money: in the record's currency's decimals (whole yen), inside the bounds.
            return (c, _) => Money.Round(c.Random.Long(minCents, Math.Max(minCents, maxCents)) / 100m, c.MinorUnits, min, max);
        }

        return (c, _) => Money.Cents(c.Random.Long(minCents, Math.Max(minCents, maxCents)) / 100m);
    }

    internal static ValueGenerator BooleanGenerator(FieldDefinition field)
    {
        var probability = (float)(field.TrueProbability ?? 0.5);
        return (c, _) => c.Random.Bool(probability) ? Boxed.True : Boxed.False;
    }

    internal static bool IsFutureName(string name) =>
        name.StartsWith("expires", StringComparison.Ordinal) || name.Contains("expiry", StringComparison.Ordinal) ||
        name.Contains("valid_until", StringComparison.Ordinal) || name.StartsWith("estimated", StringComparison.Ordinal) ||
        name == "end_date";

    internal static DateTimeOffset RandomPast(GenerationContext context, TimeSpan window, TimeSpan headroom = default) =>
        context.ReferenceTime.AddSeconds(-context.Random.Long((long)Math.Ceiling(headroom.TotalSeconds), (long)(window + headroom).TotalSeconds));

    internal static DateTimeOffset RandomFuture(GenerationContext context) =>
        context.ReferenceTime.AddSeconds(context.Random.Long(3600, (long)TimeSpan.FromDays(90).TotalSeconds));

    internal static ValueGenerator Clamped(FieldDefinition field, ValueGenerator inner) => (c, scope) => inner(c, scope) switch
    {
        long l => (long)Math.Clamp(l, (long)Math.Ceiling(field.Min ?? long.MinValue), (long)Math.Floor(field.Max ?? long.MaxValue)),
        decimal d when c.MinorUnits == 2 => Money.Cents(Math.Clamp(d, field.Min is { } min ? (decimal)min : decimal.MinValue, field.Max is { } max ? (decimal)max : decimal.MaxValue)),
        // A currency without cents (JPY): whole units, still inside the bounds.
        decimal d => Money.Round(d, c.MinorUnits, field.Min is { } min ? (decimal)min : decimal.MinValue, field.Max is { } max ? (decimal)max : decimal.MaxValue),
        var other => other,
    };

    internal static ValueGenerator WithLengthBounds(FieldDefinition field, ValueGenerator inner)
    {
        if (field.MinLength is null && field.MaxLength is null)
        {
            return inner;
        }

        var min = field.MinLength ?? 0;
        var max = field.MaxLength ?? int.MaxValue;
        return (c, scope) =>
        {
            // Draw again first: a shorter real value beats a cut one (a cut email is no email).
            var value = inner(c, scope);
            for (var attempt = 0; attempt < 10 && value is string s && (s.Length > max || s.Length < min); attempt++)
            {
                value = inner(c, scope);
            }

            return value switch
            {
                string s when s.Length > max => s[..max].TrimEnd() is { Length: > 0 } t && t.Length >= min ? t : s[..max],
                string s when s.Length < min => s.PadRight(min, 'x'),
                var other => other,
            };
        };
    }

    internal static float[] Normalise(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        return weights.Select(w => (float)(w / total)).ToArray();
    }
}
