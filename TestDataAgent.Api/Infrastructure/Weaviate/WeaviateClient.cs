using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TestDataAgent.Api.Infrastructure.Weaviate;

/// <summary>
/// A small typed client for the parts of Weaviate's REST and GraphQL API the pattern store uses: classes
/// (<c>/v1/schema</c>), batch upserts (<c>/v1/batch/objects</c>), objects by ID (<c>/v1/objects/{class}/{id}</c>),
/// <c>Get</c> queries with <c>nearVector</c> and <c>where</c> (<c>/v1/graphql</c>) and readiness
/// (<c>/v1/.well-known/ready</c>). Vectors are ours (<c>vectorizer: none</c>).
/// </summary>
public sealed class WeaviateClient(Func<HttpClient> httpClients)
{
    /// <summary>The properties' names and Weaviate data types, in the order they are read back.</summary>
    public static readonly IReadOnlyList<(string Name, string DataType)> Properties =
    [
        ("patternId", "text"), ("domain", "text"), ("entity", "text"), ("scenario", "text"), ("description", "text"),
        ("data", "text"), ("distributions", "text"), ("severity", "text"), ("qualityScore", "number"), ("usageCount", "int"),
        ("createdAt", "date"), ("embeddedText", "text"), ("owners", "text"),
    ];

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await httpClients().GetAsync(new Uri("v1/.well-known/ready", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task<bool> ClassExistsAsync(string className, CancellationToken cancellationToken)
    {
        using var response = await httpClients().GetAsync(new Uri($"v1/schema/{Uri.EscapeDataString(className)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "GET /v1/schema/{class}", cancellationToken);
        return true;
    }

    /// <summary>Creates the class (cosine distance, no vectorizer) unless it exists.</summary>
    public async Task EnsureClassAsync(string className, CancellationToken cancellationToken)
    {
        if (await ClassExistsAsync(className, cancellationToken))
        {
            return;
        }

        var body = new JsonObject
        {
            ["class"] = className,
            ["vectorizer"] = "none",
            ["vectorIndexConfig"] = new JsonObject { ["distance"] = "cosine" },
            ["properties"] = new JsonArray([.. Properties.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["dataType"] = new JsonArray(p.DataType) })]),
        };
        using var response = await httpClients().PostAsJsonAsync(new Uri("v1/schema", UriKind.Relative), body, cancellationToken);
        // 422 with "already exists": created concurrently by another replica.
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await EnsureSuccessAsync(response, "POST /v1/schema", cancellationToken);
    }

    public async Task DeleteClassAsync(string className, CancellationToken cancellationToken)
    {
        using var response = await httpClients().DeleteAsync(new Uri($"v1/schema/{Uri.EscapeDataString(className)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "DELETE /v1/schema/{class}", cancellationToken);
        }
    }

    /// <summary>Creates or replaces objects (the same ID replaces); fails if Weaviate reports an error for any object.</summary>
    public async Task BatchUpsertAsync(IReadOnlyList<WeaviateObject> objects, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["objects"] = new JsonArray([.. objects.Select(o => (JsonNode)o.ToJson())]) };
        using var response = await httpClients().PostAsJsonAsync(new Uri("v1/batch/objects", UriKind.Relative), body, cancellationToken);
        await EnsureSuccessAsync(response, "POST /v1/batch/objects", cancellationToken);
        var results = await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken) ?? [];
        foreach (var result in results)
        {
            if (result?["result"]?["errors"] is JsonObject { } errors && errors["error"] is JsonArray { Count: > 0 } list)
            {
                throw new HttpRequestException($"Weaviate refused object {result["id"]}: {list[0]?["message"]}");
            }
        }
    }

    public async Task<WeaviateObject?> GetObjectAsync(string className, Guid id, bool includeVector, CancellationToken cancellationToken)
    {
        var path = $"v1/objects/{Uri.EscapeDataString(className)}/{id:D}{(includeVector ? "?include=vector" : "")}";
        using var response = await httpClients().GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "GET /v1/objects/{class}/{id}", cancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return json is null ? null : WeaviateObject.FromJson(className, json);
    }

    public async Task DeleteObjectAsync(string className, Guid id, CancellationToken cancellationToken)
    {
        using var response = await httpClients().DeleteAsync(new Uri($"v1/objects/{Uri.EscapeDataString(className)}/{id:D}", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "DELETE /v1/objects/{class}/{id}", cancellationToken);
        }
    }

    /// <summary>
    /// A GraphQL <c>Get</c> on the class: nearest to <paramref name="vector"/> when given (results carry
    /// <c>_additional.distance</c>, the cosine distance), filtered by equality on text properties.
    /// </summary>
    public async Task<IReadOnlyList<(WeaviateObject Object, double? Distance)>> QueryAsync(string className, ReadOnlyMemory<float>? vector,
        IReadOnlyDictionary<string, string> equalities, int limit, int offset, CancellationToken cancellationToken)
    {
        var arguments = new List<string>();
        if (vector is { } near)
        {
            var numbers = string.Join(',', near.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            arguments.Add($"nearVector: {{vector: [{numbers}]}}");
        }

        arguments.Add($"limit: {limit}");
        if (offset > 0)
        {
            arguments.Add($"offset: {offset}");
        }

        if (equalities.Count > 0)
        {
            var operands = equalities.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"{{path: [{JsonSerializer.Serialize(e.Key)}], operator: Equal, valueText: {JsonSerializer.Serialize(e.Value)}}}")
                .ToList();
            arguments.Add(operands.Count == 1 ? $"where: {operands[0]}" : $"where: {{operator: And, operands: [{string.Join(", ", operands)}]}}");
        }

        var fields = string.Join(' ', Properties.Select(p => p.Name));
        var query = $"{{ Get {{ {className}({string.Join(", ", arguments)}) {{ {fields} _additional {{ id distance }} }} }} }}";
        using var response = await httpClients().PostAsJsonAsync(new Uri("v1/graphql", UriKind.Relative), new JsonObject { ["query"] = query }, cancellationToken);
        await EnsureSuccessAsync(response, "POST /v1/graphql", cancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (json?["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new HttpRequestException($"Weaviate GraphQL error: {errors[0]?["message"]}");
        }

        var hits = new List<(WeaviateObject, double?)>();
        if (json?["data"]?["Get"]?[className] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                var additional = item["_additional"] as JsonObject;
                var properties = new JsonObject();
                foreach (var (name, _) in Properties)
                {
                    properties[name] = item[name]?.DeepClone();
                }

                var id = Guid.TryParse(additional?["id"]?.GetValue<string>(), out var guid) ? guid : Guid.Empty;
                var distance = additional?["distance"] is JsonValue value && value.TryGetValue<double>(out var d) ? d : (double?)null;
                hits.Add((new WeaviateObject(className, id, properties, null), distance));
            }
        }

        return hits;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Weaviate {call} answered {(int)response.StatusCode}: {Truncate(body)}", null, response.StatusCode);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
