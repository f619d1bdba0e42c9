using System.Collections.Concurrent;
using System.Globalization;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// Real example values for <c>GetSchemas</c>: a few records generated with a fixed seed and reference time, so the
/// examples are what the service really produces and never change between calls or restarts.
/// </summary>
public sealed class TraditionalExamples(TraditionalGenerator generator)
{
    private const int SampleSize = 8;
    private static readonly DateTimeOffset s_referenceTime = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _examples = new(StringComparer.Ordinal);

    public string For(EntitySchema schema, FieldDefinition field) =>
        _examples.GetOrAdd(schema.Name, _ => Sample(schema)).GetValueOrDefault(field.Name)
            ?? field.Format
            ?? Convert.ToString(field.Default, CultureInfo.InvariantCulture)
            ?? "";

    private Dictionary<string, string> Sample(EntitySchema schema)
    {
        var request = new GenerationRequest
        {
            Schema = schema,
            Count = SampleSize,
            Scenarios = [new ScenarioPlan("default", SampleSize, "", new Dictionary<string, object?>())],
            Seed = 1,
            ReferenceTime = s_referenceTime,
        };

        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in generator.GenerateAsync(request, CancellationToken.None).ToBlockingEnumerable())
        {
            foreach (var (name, value) in record)
            {
                if (value is not null && !examples.ContainsKey(name))
                {
                    examples[name] = value is string text ? text : RecordJson.ToJson(value);
                }
            }
        }

        return examples;
    }
}
