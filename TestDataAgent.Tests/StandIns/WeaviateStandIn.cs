using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TestDataAgent.Tests.StandIns;

/// <summary>
/// A stand-in for Weaviate on a real socket: the REST and GraphQL calls the pattern store makes, answered in
/// Weaviate's shapes, with the requests' shapes checked (a malformed request gets a 422 like Weaviate's) and kept for
/// assertions. Objects live in memory; nearVector is exact cosine distance.
/// </summary>
public sealed partial class WeaviateStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WeaviateStandIn(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Where it listens: a port it bound itself (port 0), not one guessed free beforehand.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentDictionary<string, JsonObject> Classes { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<(string Class, Guid Id), JsonObject> Objects { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> GraphQlQueries { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>While false, /v1/.well-known/ready answers 503 and every other call 500.</summary>
    public bool Up { get; set; } = true;

    public static async Task<WeaviateStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new WeaviateStandIn(app);
        standIn.Map(app);
        await app.StartAsync();
        standIn.Endpoint = new Uri(app.Urls.Single());
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            if (!Up)
            {
                context.Response.StatusCode = context.Request.Path.StartsWithSegments("/v1/.well-known") ? 503 : 500;
                return;
            }

            await next(context);
        });
        app.MapGet("/v1/.well-known/ready", () => Results.Ok());
        app.MapGet("/v1/schema/{name}", (string name) => Classes.TryGetValue(name, out var found) ? Results.Json(found) : Results.NotFound());
        app.MapDelete("/v1/schema/{name}", (string name) =>
        {
            Classes.TryRemove(name, out _);
            foreach (var key in Objects.Keys.Where(k => k.Class == name))
            {
                Objects.TryRemove(key, out _);
            }

            return Results.Ok();
        });
        app.MapPost("/v1/schema", async (HttpRequest request) =>
        {
            var body = await Body(request);
            if (body?["class"]?.GetValue<string>() is not { Length: > 0 } name || body["vectorizer"]?.GetValue<string>() != "none" ||
                body["properties"] is not JsonArray properties || properties.Any(p => p?["name"] is null || p["dataType"] is not JsonArray))
            {
                return Error("class needs class, vectorizer none and properties with name and dataType");
            }

            return Classes.TryAdd(name, body) ? Results.Json(body) : Error($"class name {name} already exists");
        });
        app.MapPost("/v1/batch/objects", async (HttpRequest request) =>
        {
            var body = await Body(request);
            if (body?["objects"] is not JsonArray objects)
            {
                return Error("body needs objects");
            }

            var results = new JsonArray();
            foreach (var item in objects.OfType<JsonObject>())
            {
                var name = item["class"]?.GetValue<string>() ?? "";
                if (!Classes.ContainsKey(name) || !Guid.TryParse(item["id"]?.GetValue<string>(), out var id) || item["properties"] is not JsonObject ||
                    item["vector"] is not JsonArray { Count: > 0 })
                {
                    results.Add(new JsonObject { ["id"] = item["id"]?.DeepClone(), ["result"] = new JsonObject { ["errors"] = new JsonObject { ["error"] = new JsonArray(new JsonObject { ["message"] = "object needs a known class, a uuid id, properties and a vector" }) } } });
                    continue;
                }

                Objects[(name, id)] = (JsonObject)item.DeepClone();
                var answer = (JsonObject)item.DeepClone();
                answer["result"] = new JsonObject();
                results.Add(answer);
            }

            return Results.Json(results);
        });
        app.MapGet("/v1/objects/{name}/{id:guid}", (string name, Guid id, HttpRequest request) =>
        {
            if (!Objects.TryGetValue((name, id), out var found))
            {
                return Results.NotFound();
            }

            var answer = (JsonObject)found.DeepClone();
            if (request.Query["include"] != "vector")
            {
                answer.Remove("vector");
            }

            return Results.Json(answer);
        });
        app.MapDelete("/v1/objects/{name}/{id:guid}", (string name, Guid id) => Objects.TryRemove((name, id), out _) ? Results.NoContent() : Results.NotFound());
        app.MapPost("/v1/graphql", async (HttpRequest request) =>
        {
            var query = (await Body(request))?["query"]?.GetValue<string>() ?? "";
            GraphQlQueries.Enqueue(query);
            return Results.Json(Answer(query));
        });
    }

    private JsonObject Answer(string query)
    {
        var get = GetClause().Match(query);
        if (!get.Success)
        {
            return new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "expected { Get { Class(...) { fields _additional { id distance } } } }" }) };
        }

        var className = get.Groups["class"].Value;
        var arguments = get.Groups["args"].Value;
        var fields = get.Groups["fields"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var limit = int.Parse(Limit().Match(arguments).Groups[1].Value, CultureInfo.InvariantCulture);
        var filters = Operand().Matches(arguments).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        float[]? near = NearVector().Match(arguments) is { Success: true } vector
            ? [.. vector.Groups[1].Value.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture))]
            : null;

        var matches = Objects.Where(o => o.Key.Class == className)
            .Select(o => o.Value)
            .Where(o => filters.All(f => o["properties"]?[f.Key]?.GetValue<string>() == f.Value))
            .Select(o => (Object: o, Distance: near is null ? (double?)null : 1 - TensorPrimitives.CosineSimilarity(near, [.. ((JsonArray)o["vector"]!).Select(v => v!.GetValue<float>())])))
            .OrderBy(o => o.Distance ?? 0)
            .Take(limit);
        var items = new JsonArray();
        foreach (var (found, distance) in matches)
        {
            var item = new JsonObject();
            foreach (var field in fields.Where(f => f != "_additional"))
            {
                item[field] = found["properties"]?[field]?.DeepClone();
            }

            item["_additional"] = new JsonObject { ["id"] = found["id"]?.DeepClone(), ["distance"] = distance };
            items.Add(item);
        }

        return new JsonObject { ["data"] = new JsonObject { ["Get"] = new JsonObject { [className] = items } } };
    }

    private static async Task<JsonObject?> Body(HttpRequest request) => JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject;

    private static IResult Error(string message) => Results.Json(new JsonObject { ["error"] = new JsonArray(new JsonObject { ["message"] = message }) }, statusCode: 422);

    [GeneratedRegex(@"^\{\s*Get\s*\{\s*(?<class>[A-Z][A-Za-z0-9_]*)\((?<args>.*)\)\s*\{\s*(?<fields>[A-Za-z_ ]+?)\s*\{\s*id distance\s*\}\s*\}\s*\}\s*\}$", RegexOptions.Singleline)]
    private static partial Regex GetClause();

    [GeneratedRegex(@"limit:\s*(\d+)")]
    private static partial Regex Limit();

    [GeneratedRegex(@"nearVector:\s*\{vector:\s*\[([^\]]*)\]\}")]
    private static partial Regex NearVector();

    [GeneratedRegex(@"\{path:\s*\[""(?<path>[A-Za-z]+)""\],\s*operator:\s*Equal,\s*valueText:\s*""(?<value>[^""]*)""\}")]
    private static partial Regex Operand();
}
