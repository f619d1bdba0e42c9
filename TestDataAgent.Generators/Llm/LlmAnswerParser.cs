using System.Text;
using System.Text.Json;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Finds the records in what a model wrote, whatever it wrapped them in: code fences, chatter before or after, trailing
/// commas and comments, <c>{"records": [...]}</c> or any object holding one array, a bare array, a single object, or an
/// answer cut off mid-array (the complete objects before the cut are kept). Never throws on model output.
/// </summary>
public static class LlmAnswerParser
{
    private const int MaxDepth = 64;

    private static readonly JsonDocumentOptions s_lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = MaxDepth,
    };

    public static LlmAnswer Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LlmAnswer([], "the answer was empty");
        }

        var body = StripFences(text);
        var start = body.IndexOfAny(['{', '[']);
        if (start < 0)
        {
            return new LlmAnswer([], "the answer holds no JSON");
        }

        if (TryParseValue(body.AsSpan(start), out var root))
        {
            using (root)
            {
                var records = Unwrap(root.RootElement);
                return new LlmAnswer(records, records.Count == 0 ? "the JSON holds no records" : null);
            }
        }

        // Not one well-formed value: keep every complete object found at the outermost level of the records.
        var salvaged = Salvage(body, start);
        return new LlmAnswer(salvaged, salvaged.Count == 0 ? "the answer is not valid JSON" : "the JSON was malformed or cut off; kept the complete records");
    }

    private static string StripFences(string text)
    {
        var open = text.IndexOf("```", StringComparison.Ordinal);
        if (open < 0)
        {
            return text;
        }

        var lineEnd = text.IndexOf('\n', open);
        if (lineEnd < 0)
        {
            return text;
        }

        var close = text.IndexOf("```", lineEnd, StringComparison.Ordinal);
        return close < 0 ? text[(lineEnd + 1)..] : text[(lineEnd + 1)..close];
    }

    private static bool TryParseValue(ReadOnlySpan<char> text, out JsonDocument document)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(text.ToArray());
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
                MaxDepth = MaxDepth,
            });
            // One value, then whatever chatter follows is ignored.
            document = JsonDocument.ParseValue(ref reader);
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    private static List<DataRecord> Unwrap(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                return Objects(root);
            case JsonValueKind.Object:
                if (root.TryGetProperty("records", out var named) && named.ValueKind == JsonValueKind.Array)
                {
                    return Objects(named);
                }

                JsonElement? onlyArray = null;
                var arrays = 0;
                foreach (var property in root.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object))
                    {
                        arrays++;
                        onlyArray = property.Value;
                    }
                }

                // {"reviews": [...]} is a wrapped array; anything else is one record (which may itself hold arrays).
                return arrays == 1 && root.EnumerateObject().Count() <= 2 ? Objects(onlyArray!.Value) : [JsonValues.ToRecord(root)];
            default:
                return [];
        }
    }

    private static List<DataRecord> Objects(JsonElement array)
    {
        var records = new List<DataRecord>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                records.Add(JsonValues.ToRecord(item));
            }
        }

        return records;
    }

    /// <summary>Every balanced <c>{…}</c> at the records' level that parses on its own, in order.</summary>
    private static List<DataRecord> Salvage(string body, int start)
    {
        var records = new List<DataRecord>();
        // The records sit one level inside the first array, or at the top when there is none.
        var arrayStart = body.IndexOf('[', start);
        var level = arrayStart >= 0 ? arrayStart + 1 : start;
        var depth = 0;
        var inString = false;
        var escaped = false;
        var objectStart = -1;
        for (var i = level; i < body.Length; i++)
        {
            var c = body[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    if (depth == 0 && c == '{')
                    {
                        objectStart = i;
                    }

                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0 && c == '}' && objectStart >= 0)
                    {
                        TryAddObject(body.AsSpan(objectStart, i - objectStart + 1), records);
                        objectStart = -1;
                    }

                    if (depth < 0)
                    {
                        return records;
                    }

                    break;
            }
        }

        return records;
    }

    private static void TryAddObject(ReadOnlySpan<char> text, List<DataRecord> records)
    {
        try
        {
            using var document = JsonDocument.Parse(text.ToString(), s_lenient);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                records.Add(JsonValues.ToRecord(document.RootElement));
            }
        }
        catch (JsonException)
        {
            // A broken record is left out; the batch asks again for what is missing.
        }
    }
}
