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

    public static List<JsonObject> Parse(string data) => JsonNode.Parse(data)!.AsArray().Select(n => n!.AsObject()).ToList();

    public static async Task AssertValidAsync(ApiHost api, string entity, string data)
    {
        var report = await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = entity, Data = data }, deadline: Deadlines.Call());
        Assert.True(report.Valid, string.Join("; ", report.Violations.Take(5).Select(v => $"{v.RecordIndex}:{v.Field}:{v.Rule}")));
    }
}
