using System.Text.Json.Nodes;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.StandIns;

/// <summary>An Api configured for the LLM stand-ins, and checks the LLM tests share.</summary>
public static class LlmTestHost
{
    public static ApiHost StartApi(params (string Provider, LlmStandIn Model)[] providers) => StartApi(new Dictionary<string, string>(), providers);

    public static ApiHost StartApi(Dictionary<string, string> extra, params (string Provider, LlmStandIn Model)[] providers)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Llm:RetryBaseDelayMilliseconds"] = "50",
            ["Llm:AttemptTimeoutSeconds"] = "5",
            ["Llm:TotalTimeoutSeconds"] = "20",
        };
        foreach (var (provider, model) in providers)
        {
            settings[$"ConnectionStrings:{provider}"] = provider switch
            {
                "claude" => $"Endpoint={model.BaseUrl};Key=test-key;Model=stand-in-model",
                "vllm" => $"Endpoint={model.BaseUrl}/v1;Model=stand-in-model",
                _ => $"Endpoint={model.BaseUrl};Model=stand-in-model",
            };
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return ApiHost.Start(settings);
    }

    /// <summary>The user message only: the system prompt names the tags when it explains them.</summary>
    public static string UserText(StandInCall call) =>
        string.Join("\n", call.Body["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "user").Select(m => m!["content"] switch
        {
            JsonArray parts => string.Join("\n", parts.Select(p => p!["text"]!.GetValue<string>())),
            var content => content!.GetValue<string>(),
        }));

    /// <summary>What a prompt holds between its first <c>&lt;tag&gt;</c> and the <c>&lt;/tag&gt;</c> after it.</summary>
    public static string Block(string prompt, string tag)
    {
        var start = prompt.IndexOf($"<{tag}>", StringComparison.OrdinalIgnoreCase) + tag.Length + 2;
        return prompt[start..prompt.IndexOf($"</{tag}>", start, StringComparison.OrdinalIgnoreCase)];
    }

    public static int Occurrences(string text, string tag) => (text.Length - text.Replace(tag, "", StringComparison.OrdinalIgnoreCase).Length) / tag.Length;

    public static List<JsonObject> Parse(string data) => JsonNode.Parse(data)!.AsArray().Select(n => n!.AsObject()).ToList();

    public static async Task AssertValidAsync(ApiHost api, string entity, string data)
    {
        var report = await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = entity, Data = data }, deadline: Deadlines.Call());
        Assert.True(report.Valid, string.Join("; ", report.Violations.Take(5).Select(v => $"{v.RecordIndex}:{v.Field}:{v.Rule}")));
    }
}
