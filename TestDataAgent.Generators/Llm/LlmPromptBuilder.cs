using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Fills the prompt templates (embedded files under <c>Llm/Prompts</c>, one per entity where it helps) with the request:
/// its whole schema with the constraints folded in, the scenario with its overrides, hints, the caller's context as
/// delimited data, examples for hybrid requests, and the batch. Every caller-written text is cut to its budget
/// (<c>Llm:MaxContextChars</c>, <c>Llm:MaxPromptTextChars</c>, <c>Llm:MaxExamplesChars</c>), so none can crowd out the
/// schema or put the same megabyte into every call.
/// </summary>
public sealed class LlmPromptBuilder(IOptions<LlmOptions> options)
{
    private static readonly ConcurrentDictionary<string, string?> s_templates = new(StringComparer.Ordinal);

    public LlmPrompt Build(GenerationRequest request, LlmBatch batch, int count, int attempt, IReadOnlySet<string> serviceFields,
        IReadOnlyList<DataRecord> examples, bool structuredOutput)
    {
        var settings = options.Value;
        var maxText = settings.MaxPromptTextChars;
        var schema = request.Schema;
        var scenario = batch.Scenario;
        var guidance = Template($"entities.{schema.Name}.txt");
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["count"] = Number(count),
            ["entity"] = PromptText.Data(schema.Name, maxText),
            ["description"] = PromptText.Data(schema.Description.Length > 0 ? schema.Description : schema.Name, maxText),
            ["schema"] = SchemaPromptWriter.Describe(schema, serviceFields, maxText),
            ["service_fields"] = serviceFields.Count > 0 ? string.Join(", ", serviceFields.Order(StringComparer.Ordinal)) : "none",
            ["entity_guidance"] = guidance is null ? "" : $"\n{guidance.Trim()}\n",
            ["scenario"] = PromptText.Data(scenario.Name, maxText),
            ["scenario_description"] = scenario.Description.Length > 0 ? $" — {PromptText.Data(scenario.Description, maxText)}" : "",
            ["overrides"] = Overrides(scenario.Overrides, maxText),
            // The records this prompt asks for are the batch's last `count` (an ask again is for the ones still missing).
            ["locale"] = LocalePromptText.Describe(request.Locales, request.Seed, batch.FirstIndex + batch.Count - count, count),
            ["hints"] = request.Hints.Count > 0 ? PromptText.Data(string.Join(", ", request.Hints), maxText) : "none",
            ["context"] = Context(request.Context, settings.MaxContextChars),
            ["examples"] = Examples(examples, serviceFields, maxText, settings.MaxExamplesChars),
            ["batch"] = Number(batch.Number + 1),
            ["first"] = Number(batch.FirstIndex),
            ["last"] = Number(batch.FirstIndex + batch.Count - 1),
            ["total"] = Number(request.Count),
            ["seed"] = Number(request.Seed),
        };
        var user = Fill(Template("records.txt")!, values);
        if (attempt > 0)
        {
            user += $"\nAn earlier answer for this batch left records out or repeated them (ask {attempt + 1}): write {count} new records, different from any before.";
        }

        return new LlmPrompt(Template("system.txt")!, user, structuredOutput ? SchemaPromptWriter.JsonSchema(schema, serviceFields, maxText) : null, count,
            unchecked(request.Seed * 31 + batch.Number * 7 + attempt));
    }

    /// <summary>
    /// The template with each <c>{{name}}</c> replaced in one pass, so a caller's text that contains a placeholder stays
    /// text (a description holding <c>{{context}}</c> a thousand times does not become a thousand contexts).
    /// </summary>
    private static string Fill(string template, Dictionary<string, string> values)
    {
        var filled = new System.Text.StringBuilder(template.Length + values.Values.Sum(v => v.Length));
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                filled.Append(template, at, template.Length - at);
                break;
            }

            filled.Append(template, at, open - at);
            var name = template[(open + 2)..close];
            filled.Append(values.TryGetValue(name, out var value) ? value : template[open..(close + 2)]);
            at = close + 2;
        }

        return filled.ToString();
    }

    private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Overrides(IReadOnlyDictionary<string, object?> overrides, int maxText)
    {
        if (overrides.Count == 0)
        {
            return "";
        }

        var values = new DataRecord(overrides.Count);
        foreach (var (path, value) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            values[path] = value switch
            {
                OverrideRange range => range.ToString(),
                // The service sets overridden fields itself: the model only needs to know what they are like.
                string text => PromptText.Data(text, maxText),
                _ => value,
            };
        }

        return $"Every record of this scenario has these values (dotted names are nested fields): {RecordJson.ToJson(values)}\n";
    }

    private static string Context(string context, int maxChars)
        // The delimiters stay ours: the caller's text cannot close the block, not even with look-alike brackets.
        => PromptText.Data(context, maxChars);

    private static string Examples(IReadOnlyList<DataRecord> examples, IReadOnlySet<string> serviceFields, int maxText, int maxChars)
    {
        // Whole examples while they fit (a cut-off JSON record would be a bad example), their long texts cut first.
        var lines = new List<string>();
        var used = 0;
        foreach (var example in examples)
        {
            var trimmed = new DataRecord(example.Count);
            foreach (var (name, value) in example)
            {
                if (!serviceFields.Contains(name) && !name.StartsWith('_'))
                {
                    trimmed[name] = value is string text ? PromptText.Data(text, maxText) : value;
                }
            }

            var line = RecordJson.ToJson(trimmed);
            if (used + line.Length + 1 > maxChars)
            {
                break;
            }

            lines.Add(line);
            used += line.Length + 1;
        }

        if (lines.Count == 0)
        {
            return "";
        }

        return $"Examples of good records for this request (follow their style, structure and theme; do not copy them):\n<examples>\n{string.Join('\n', lines)}\n</examples>\n";
    }

    private static string? Template(string name) => s_templates.GetOrAdd(name, static key =>
    {
        // The folder in a resource's name (entities/ under Llm/Prompts) is written with the build machine's separator.
        var assembly = Assembly.GetExecutingAssembly();
        var wanted = $"TestDataAgent.Prompts.{key}";
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('/', '.').Replace('\\', '.') == wanted);
        using var stream = resource is null ? null : assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
