using System.Text.RegularExpressions;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Derives a RAG record from the traditional record for the same index (unique IDs, constraints, overrides and
/// coherence already hold there) by carrying over a pattern's values for the fields that are safe to copy: never
/// IDs, never fields a scenario overrides, dates only from defects (their dates are the trigger). A copied field that
/// breaks validity or a <c>derive</c> rule goes back to the traditional value, so the result is always valid.
/// </summary>
internal sealed partial class PatternBlender(GenerationRequest request, RecordValidator validator)
{
    private const int MaxRepairRounds = 4;

    private readonly HashSet<string> _overridden = request.Scenarios
        .SelectMany(s => s.Overrides.Keys)
        .Select(TopLevel)
        .ToHashSet(StringComparer.Ordinal);

    private EntitySchema Schema => request.Schema;

    /// <summary>The traditional record with the pattern's values where they are safe.</summary>
    public DataRecord Blend(DataRecord traditional, DataRecord pattern, string patternId, long index, bool copyDates)
    {
        var candidate = Copy(traditional);
        var copied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in Schema.Fields)
        {
            if (pattern.TryGetValue(field.Name, out var value) && value is not null && IsCopyable(field) && (copyDates || field.Kind is not (FieldKind.Date or FieldKind.DateTime)))
            {
                candidate[field.Name] = field.Kind == FieldKind.Email && value is string email ? Unique(email, index) : RecordBuilder.DeepCopy(value);
                copied.Add(field.Name);
            }
        }

        return Finish(candidate, traditional, copied, patternId, index);
    }

    /// <summary>The traditional record with categorical fields drawn from a production sample's value frequencies.</summary>
    public DataRecord Sample(DataRecord traditional, IReadOnlyDictionary<string, FieldDistribution> distributions, string patternId, long index)
    {
        var candidate = Copy(traditional);
        var copied = new HashSet<string>(StringComparer.Ordinal);
        var random = new SplitMix(unchecked((ulong)request.Seed ^ ((ulong)index * 0x9E3779B97F4A7C15UL) ^ Fnv(patternId)));
        foreach (var (name, distribution) in distributions.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (Schema.FindField(name) is { } field && IsCopyable(field))
            {
                candidate[name] = RecordBuilder.DeepCopy(Draw(distribution, random));
                copied.Add(name);
            }
        }

        return Finish(candidate, traditional, copied, patternId, index);
    }

    private DataRecord Finish(DataRecord candidate, DataRecord traditional, HashSet<string> copied, string patternId, long index)
    {
        FixTemplatePrefixes(candidate, copied);
        for (var round = 0; round < MaxRepairRounds && copied.Count > 0; round++)
        {
            var broken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var violation in validator.Validate(candidate, Schema, index))
            {
                broken.Add(TopLevel(violation.Field));
            }

            foreach (var rule in Schema.Derivations)
            {
                if (CoherenceScorer.Check(candidate, rule) == false)
                {
                    broken.UnionWith(RuleFields(rule));
                }
            }

            broken.IntersectWith(copied);
            if (broken.Count == 0)
            {
                return Ordered(candidate, traditional, patternId);
            }

            foreach (var name in broken)
            {
                Revert(candidate, traditional, name);
                copied.Remove(name);
            }

            FixTemplatePrefixes(candidate, copied);
        }

        // Still broken (or nothing left to copy): the traditional record, which is valid and coherent by construction.
        var valid = copied.Count > 0 && validator.Validate(candidate, Schema, index).Count == 0 && Schema.Derivations.All(r => CoherenceScorer.Check(candidate, r) != false);
        return Ordered(valid ? candidate : Copy(traditional), traditional, patternId);
    }

    private bool IsCopyable(FieldDefinition field) =>
        !_overridden.Contains(field.Name) &&
        field.Name != Schema.PrimaryKey &&
        field.Kind != FieldKind.Uuid &&
        !(field.Format ?? "").Contains('{', StringComparison.Ordinal) &&
        !field.Name.EndsWith("_id", StringComparison.Ordinal) && field.Name != "id";

    /// <summary>IDs built from another field (<c>{field:category:3}-{random:6}</c>) follow a copied source field.</summary>
    private void FixTemplatePrefixes(DataRecord candidate, HashSet<string> copied)
    {
        foreach (var field in Schema.Fields)
        {
            if (field.Format is { } format && FieldToken().Match(format) is { Success: true, Index: 0 } token &&
                copied.Contains(token.Groups[1].Value) && candidate.GetValueOrDefault(field.Name) is string id &&
                int.TryParse(token.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture, out var length))
            {
                var source = candidate.GetValueOrDefault(token.Groups[1].Value) as string ?? "";
                var letters = new string(source.Where(char.IsLetterOrDigit).Take(length).ToArray()).ToUpperInvariant();
                var old = id.IndexOf('-', StringComparison.Ordinal);
                if (letters.Length > 0 && old > 0)
                {
                    candidate[field.Name] = letters + id[old..];
                }
            }
        }
    }

    private static IEnumerable<string> RuleFields(DerivationRule rule) => (rule switch
    {
        SumOfItemsRule r => [r.Target, r.Items],
        PercentOfRule r => [r.Target, r.Base],
        ProductRule r => [r.Target, .. r.Factors],
        AtMostRule r => [r.Target, r.Limit],
        SumRule r => [r.Target, .. r.Add, .. r.Subtract],
        NotBeforeRule r => [r.Target, r.Reference],
        PresentWhenRule r => [r.Target, r.Field],
        PositiveWhenRule r => [r.Target, r.Flag],
        ExactlyOneTrueRule r => [r.Items],
        _ => new[] { rule.Target },
    }).Select(TopLevel);

    private static void Revert(DataRecord candidate, DataRecord traditional, string name)
    {
        if (traditional.TryGetValue(name, out var original))
        {
            candidate[name] = RecordBuilder.DeepCopy(original);
        }
        else
        {
            candidate.Remove(name);
        }
    }

    private DataRecord Ordered(DataRecord candidate, DataRecord traditional, string patternId)
    {
        var result = new DataRecord(candidate.Count + 1);
        foreach (var field in Schema.Fields)
        {
            if (candidate.TryGetValue(field.Name, out var value))
            {
                result[field.Name] = value;
            }
        }

        result[DataRecord.ScenarioField] = traditional[DataRecord.ScenarioField];
        result[DataRecord.IndexField] = traditional[DataRecord.IndexField];
        result[RagGenerator.PatternField] = patternId;
        return result;
    }

    private static DataRecord Copy(DataRecord record) => (DataRecord)RecordBuilder.DeepCopy(record)!;

    /// <summary>A copied email made unique within the response: the record index before the <c>@</c>.</summary>
    private static string Unique(string email, long index)
    {
        var at = email.LastIndexOf('@');
        return at > 0 ? $"{email[..at]}.{index}{email[at..]}" : email;
    }

    private static object? Draw(FieldDistribution distribution, SplitMix random)
    {
        var total = distribution.Weights.Sum();
        var target = random.NextDouble() * total;
        for (var i = 0; i < distribution.Values.Count; i++)
        {
            target -= distribution.Weights[i];
            if (target < 0)
            {
                return distribution.Values[i];
            }
        }

        return distribution.Values[^1];
    }

    private static string TopLevel(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }

    [GeneratedRegex(@"^\{field:([A-Za-z0-9_]+):(\d+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex FieldToken();

    /// <summary>A small deterministic generator (SplitMix64): the same seed gives the same draws on every platform and version.</summary>
    private sealed class SplitMix(ulong state)
    {
        private ulong _state = state;

        public double NextDouble()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
