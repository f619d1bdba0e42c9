using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Web.Playground;

/// <summary>What the Generate page asks for; one request shape for the preview and the download.</summary>
public sealed class GenerateForm
{
    public string Entity { get; set; } = "user";

    /// <summary>A pasted schema, our format or JSON Schema (sent as <c>inline_schema</c>; the api tells them apart).</summary>
    public string Schema { get; set; } = "";

    public string Seed { get; set; } = "";

    public string Locale { get; set; } = "";

    public OutputFormat Format { get; set; } = OutputFormat.Csv;

    public int Count { get; set; } = 1_000;

    public List<ConstraintRow> Constraints { get; } = [];

    public List<ScenarioRow> Scenarios { get; } = [];

    /// <summary>The request for <paramref name="count"/> records in <paramref name="format"/>.</summary>
    public GenerateRequest ToRequest(int count, OutputFormat format)
    {
        var request = new GenerateRequest
        {
            Entity = string.IsNullOrWhiteSpace(Schema) ? Entity : "",
            InlineSchema = Schema.Trim(),
            Locale = Locale.Trim(),
            OutputFormat = format,
            Count = count,
            Constraints = ToConstraints(),
        };
        if (!string.IsNullOrWhiteSpace(Seed))
        {
            request.Seed = long.TryParse(Seed.Trim(), out var seed) ? seed : throw new FormatException($"The seed '{Seed}' is not a whole number.");
        }

        request.Scenarios.AddRange(Scenarios.Where(s => !string.IsNullOrWhiteSpace(s.Name)).Select(s => s.ToScenario()));
        return request;
    }

    /// <summary>The same schema and constraints as a validation request for <paramref name="data"/> (a JSON array).</summary>
    public ValidateDataRequest ToValidation(string data) => new()
    {
        Entity = string.IsNullOrWhiteSpace(Schema) ? Entity : "",
        InlineSchema = Schema.Trim(),
        Data = data,
        Format = OutputFormat.Json,
        Constraints = ToConstraints(),
    };

    private Constraints ToConstraints()
    {
        var constraints = new Constraints();
        foreach (var row in Constraints.Where(r => !string.IsNullOrWhiteSpace(r.Field)))
        {
            constraints.FieldConstraints[row.Field.Trim()] = row.ToConstraint();
        }

        return constraints;
    }
}
