using System.Collections.Concurrent;
using System.Reflection;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Fills the prompt templates (embedded files under <c>Llm/Prompts</c>, one per entity where it helps) with the request:
/// its whole schema with the constraints folded in, the scenario with its overrides, hints, the caller's context as
/// delimited data, examples for hybrid requests, and the batch.
/// </summary>
public sealed class LlmPromptBuilder
{
    // Enough context for any test scenario; a longer one is cut so it cannot crowd out the schema.
    private const int MaxContextChars = 8000;

    private static readonly ConcurrentDictionary<string, string?> s_templates = new(StringComparer.Ordinal);

    public LlmPrompt Build(GenerationRequest request, LlmBatch batch, int count, int attempt, IReadOnlySet<string> serviceFields,
        IReadOnlyList<DataRecord> examples, bool structuredOutput)
    {
        var schema = request.Schema;
        var guidance = Template($"entities.{schema.Name}.txt");
        var user = Template("records.txt")!
            .Replace("{{count}}", count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{entity}}", schema.Name, StringComparison.Ordinal)
            .Replace("{{description}}", schema.Description.Length > 0 ? schema.Description : schema.Name, StringComparison.Ordinal)
            .Replace("{{schema}}", SchemaPromptWriter.Describe(schema, serviceFields), StringComparison.Ordinal)
            .Replace("{{service_fields}}", serviceFields.Count > 0 ? string.Join(", ", serviceFields.Order(StringComparer.Ordinal)) : "none", StringComparison.Ordinal)
            .Replace("{{entity_guidance}}", guidance is null ? "" : $"\n{guidance.Trim()}\n", StringComparison.Ordinal)
            .Replace("{{scenario}}", batch.Scenario.Name, StringComparison.Ordinal)
            .Replace("{{scenario_description}}", batch.Scenario.Description.Length > 0 ? $" — {batch.Scenario.Description}" : "", StringComparison.Ordinal)
            .Replace("{{overrides}}", Overrides(batch.Scenario.Overrides), StringComparison.Ordinal)
            .Replace("{{hints}}", request.Hints.Count > 0 ? string.Join(", ", request.Hints) : "none", StringComparison.Ordinal)
            .Replace("{{context}}", Context(request.Context), StringComparison.Ordinal)
            .Replace("{{examples}}", Examples(examples, serviceFields), StringComparison.Ordinal)
            .Replace("{{batch}}", (batch.Number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{first}}", batch.FirstIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{last}}", (batch.FirstIndex + batch.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{total}}", request.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{seed}}", request.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (attempt > 0)
        {
            user += $"\nAn earlier answer for this batch left records out or repeated them (ask {attempt + 1}): write {count} new records, different from any before.";
        }

        return new LlmPrompt(Template("system.txt")!, user, structuredOutput ? SchemaPromptWriter.JsonSchema(schema, serviceFields) : null, count,
            unchecked(request.Seed * 31 + batch.Number * 7 + attempt));
    }

    private static string Overrides(IReadOnlyDictionary<string, object?> overrides)
    {
        if (overrides.Count == 0)
        {
            return "";
        }

        var values = new DataRecord(overrides.Count);
        foreach (var (path, value) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            values[path] = value is OverrideRange range ? range.ToString() : value;
        }

        return $"Every record of this scenario has these values (dotted names are nested fields): {RecordJson.ToJson(values)}\n";
    }

    private static string Context(string context)
    {
        var text = context.Length > MaxContextChars ? context[..MaxContextChars] : context;
        // The delimiters stay ours: the caller's text cannot close the block.
        return text.Replace("</context>", "</ context>", StringComparison.OrdinalIgnoreCase)
            .Replace("<context>", "< context>", StringComparison.OrdinalIgnoreCase);
    }

    private static string Examples(IReadOnlyList<DataRecord> examples, IReadOnlySet<string> serviceFields)
    {
        if (examples.Count == 0)
        {
            return "";
        }

        var lines = examples.Select(example =>
        {
            var trimmed = new DataRecord(example.Count);
            foreach (var (name, value) in example)
            {
                if (!serviceFields.Contains(name) && !name.StartsWith('_'))
                {
                    trimmed[name] = value;
                }
            }

            return RecordJson.ToJson(trimmed);
        });
        return $"Examples of good records for this request (follow their style, structure and theme; do not copy them):\n{string.Join('\n', lines)}\n";
    }

    private static string? Template(string name) => s_templates.GetOrAdd(name, static key =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"TestDataAgent.Prompts.{key}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
