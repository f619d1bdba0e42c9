using System.Text.Json.Nodes;

namespace TestDataAgent.Api.Infrastructure.Weaviate;

/// <summary>One Weaviate object: its class, UUID, properties and (when read with it) its vector.</summary>
public sealed record WeaviateObject(string ClassName, Guid Id, JsonObject Properties, float[]? Vector)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["class"] = ClassName, ["id"] = Id.ToString("D"), ["properties"] = Properties.DeepClone() };
        if (Vector is not null)
        {
            json["vector"] = new JsonArray([.. Vector.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        return json;
    }

    public static WeaviateObject FromJson(string className, JsonObject json)
    {
        var id = Guid.TryParse(json["id"]?.GetValue<string>(), out var guid) ? guid : Guid.Empty;
        var properties = json["properties"] as JsonObject ?? [];
        var vector = json["vector"] is JsonArray array ? array.Select(v => v?.GetValue<float>() ?? 0).ToArray() : null;
        return new WeaviateObject(className, id, (JsonObject)properties.DeepClone(), vector);
    }

    /// <summary>Text for logs: class and ID.</summary>
    public override string ToString() => $"{ClassName}/{Id:D}";
}
