using System.Text.RegularExpressions;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Checks records a caller sends (a JSON array, NDJSON or CSV) with the same validators the generators use: schema,
/// constraints (already folded into the schema) and coherence rules. Records are parsed one at a time. A JSON Schema
/// source is checked by the specification instead (<see cref="JsonSchemaValidator"/>).
/// </summary>
public sealed class DataValidationService(RecordValidator validator, CoherenceScorer scorer, JsonSchemaValidator jsonSchemas)
{
    /// <summary>Most violations listed in one report; the counts include the rest.</summary>
    public const int MaxReportedViolations = 10_000;

    private static readonly Regex s_itemIndex = new(@"\[\d+\]", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    // The rules a constraint adds to a field; the JSON Schema itself reports the rest.
    private static readonly HashSet<string> s_constraintRules = new(StringComparer.Ordinal) { "min", "max", "enum", "regex", "min_length", "max_length", "format" };

    /// <exception cref="InvalidDataException">The data cannot be parsed in the given format.</exception>
    public ValidationReport Validate(string data, DataFormat format, EntitySchema schema) => Tally(
        RecordReader.Read(data, format, name => schema.FindField(name)?.Kind ?? FieldKind.String),
        (record, index) =>
        {
            var found = new List<RuleViolation>(validator.Validate(record, schema, index));
            foreach (var name in record.Keys)
            {
                if (!IsGeneratorField(name) && schema.FindField(name) is null)
                {
                    found.Add(new RuleViolation(index, name, "unknown_field", $"{name} is not a field of {schema.Name}"));
                }
            }

            CheckDerivations(record, schema, index, found);
            return found;
        },
        record => scorer.Score(record, schema));

    /// <summary>
    /// Checks each record against a JSON Schema by the specification (every keyword, formats asserted, rules named by
    /// keyword). Where the generator can also read the schema (<paramref name="readable"/>), the request's constraints
    /// on <paramref name="constrainedFields"/> and its coherence rules are checked too.
    /// </summary>
    /// <exception cref="InvalidDataException">The data cannot be parsed in the given format.</exception>
    /// <exception cref="Requests.InvalidRequestException">The schema is not usable or breaks a limit of <see cref="ValidationOptions"/>.</exception>
    public ValidationReport Validate(string data, DataFormat format, SchemaDocument document, EntitySchema? readable, IReadOnlyCollection<string> constrainedFields) =>
        LargeStack.Run(() =>
        {
            var schema = jsonSchemas.Compile(document);
            return Tally(RecordReader.Read(data, format, schema.KindOf), (record, index) =>
            {
                var found = new List<RuleViolation>(schema.Validate(record, index));
                if (readable is not null)
                {
                    if (constrainedFields.Count > 0)
                    {
                        found.AddRange(validator.Validate(record, readable, index).Where(v => s_constraintRules.Contains(v.Rule)
                            && constrainedFields.Contains(s_itemIndex.Replace(v.Field, ""))
                            && !found.Any(f => f.Field == v.Field && f.Rule == v.Rule)));
                    }

                    CheckDerivations(record, readable, index, found);
                }

                return found;
            }, record => readable is null ? 1.0 : scorer.Score(record, readable));
        });

    private static ValidationReport Tally(IEnumerable<DataRecord> records, Func<DataRecord, long, List<RuleViolation>> check, Func<DataRecord, double> coherenceOf)
    {
        var violations = new List<RuleViolation>();
        var count = 0;
        var invalid = 0;
        var coherence = 0.0;
        foreach (var record in records)
        {
            var found = check(record, count);
            coherence += coherenceOf(record);
            invalid += found.Count > 0 ? 1 : 0;
            violations.AddRange(found.Take(MaxReportedViolations - violations.Count));
            count++;
        }

        return new ValidationReport(count, invalid, violations, count == 0 ? 0 : coherence / count);
    }

    private static void CheckDerivations(DataRecord record, EntitySchema schema, long index, List<RuleViolation> found)
    {
        foreach (var rule in schema.Derivations)
        {
            if (CoherenceScorer.Check(record, rule) == false)
            {
                found.Add(new RuleViolation(index, rule.Target, $"coherence:{rule.Target}", $"{rule.Target} breaks the rule {Describe(rule)}"));
            }
        }
    }

    private static bool IsGeneratorField(string name) => name is DataRecord.IndexField or DataRecord.ScenarioField or Rag.RagGenerator.PatternField;

    private static string Describe(DerivationRule rule) => rule switch
    {
        SumOfItemsRule r => $"{r.Target} = sum({r.Items}.{r.Quantity} * {r.Items}.{r.Price})",
        ProductRule r => $"{r.Target} = {string.Join(" * ", r.Factors)}",
        PercentOfRule r => $"{r.Target} = {r.MinPercent}-{r.MaxPercent}% of {r.Base}",
        SumRule r => $"{r.Target} = {string.Join(" + ", r.Add)}{string.Concat(r.Subtract.Select(s => $" - {s}"))}",
        NotBeforeRule r => $"{r.Target} between {r.MinGapHours} and {r.MaxGapHours} hours after {r.Reference}",
        PresentWhenRule r => $"{r.Target} present exactly when {r.Field} is {string.Join(" or ", r.Values)}",
        PositiveWhenRule r => $"{r.Target} > 0 exactly when {r.Flag}",
        AtMostRule r => $"{r.Target} <= {r.Limit}",
        ExactlyOneTrueRule r => $"exactly one {r.Items} item has {r.Field}",
        _ => rule.ToString(),
    };
}
