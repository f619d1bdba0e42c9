using System.Runtime.InteropServices;
using System.Text.Json;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Parses the records a caller submits (a JSON array) and validates each against the schema; the first problem is
/// refused with the record index and field (<c>data[1].email</c>). <c>_scenario</c>, <c>_index</c> and
/// <c>_pattern</c> (as our own responses carry them) are dropped, other unknown fields refused. At most
/// <see cref="RagOptions.MaxRecordsPerCall"/> records, each field value at most <see cref="RagOptions.MaxFieldBytes"/>
/// as sent: the store keeps what it is given, so what one call may give is bounded before anything is validated.
/// </summary>
internal static class SubmittedRecords
{
    public static List<DataRecord> Parse(string data, EntitySchema schema, RecordValidator validator, RagOptions limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("data", $"data is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                throw new InvalidRequestException("data", "data must be a non-empty JSON array of records");
            }

            var count = document.RootElement.GetArrayLength();
            if (count > limits.MaxRecordsPerCall)
            {
                throw new InvalidRequestException("data",
                    $"data has {count} records; one call may record at most {limits.MaxRecordsPerCall} ({RagOptions.SectionName}:{nameof(RagOptions.MaxRecordsPerCall)})");
            }

            var records = new List<DataRecord>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidRequestException($"data[{index}]", $"data[{index}] must be a JSON object");
                }

                foreach (var property in element.EnumerateObject())
                {
                    var bytes = JsonMarshal.GetRawUtf8Value(property.Value).Length;
                    if (bytes > limits.MaxFieldBytes)
                    {
                        throw new InvalidRequestException($"data[{index}].{property.Name}",
                            $"data[{index}].{property.Name} is {bytes} bytes; a recorded field value may be at most {limits.MaxFieldBytes} ({RagOptions.SectionName}:{nameof(RagOptions.MaxFieldBytes)})");
                    }
                }

                var record = new DataRecord();
                foreach (var (name, value) in JsonValues.ToRecord(element))
                {
                    if (name is DataRecord.IndexField or DataRecord.ScenarioField or RagGenerator.PatternField)
                    {
                        continue;
                    }

                    record[name] = schema.FindField(name) is not null
                        ? value
                        : throw new InvalidRequestException($"data[{index}].{name}", $"data[{index}].{name} is not a field of {schema.Name}");
                }

                if (validator.Validate(record, schema, index) is [var violation, ..])
                {
                    throw new InvalidRequestException($"data[{index}].{violation.Field}", $"data[{index}]: {violation.Message} ({violation.Rule})");
                }

                records.Add(record);
                index++;
            }

            return records;
        }
    }
}
