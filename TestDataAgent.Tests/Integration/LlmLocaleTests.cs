using System.Text.Json.Nodes;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;
using static TestDataAgent.Tests.StandIns.LlmTestHost;

namespace TestDataAgent.Tests.Integration;

/// <summary>The LLM path with a locale: the prompt names it, and a model's values from the wrong country are replaced.</summary>
public sealed class LlmLocaleTests
{
    [Fact]
    public async Task AModelsAnswerIsHeldToTheRequestsLocale()
    {
        await using var model = await LlmStandIn.StartAsync();
        // Even records are German, as asked; odd ones are American, as a model might write by habit.
        model.Script = call => StandInReply.Json([.. Enumerable.Range(0, call.RequestedCount).Select(i => User(call.Number * 1000 + i, german: i % 2 == 0))]);
        await using var api = StartApi(("claude", model));

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "user", Count = 12, Seed = 4, GenerationMethod = GenerationMethod.Llm, Locale = "de_DE" },
            deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.All(model.Calls, call => Assert.Contains("de_DE", call.Prompt, StringComparison.Ordinal));
        var records = Parse(response.Data);
        Assert.Equal(12, records.Count);
        Assert.All(records, r => Assert.StartsWith("+49", r["phone"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(records.SelectMany(r => r["addresses"]!.AsArray()), a => Assert.Equal("DE", a!["country"]!.GetValue<string>()));
        // The model's German values are kept, not replaced.
        Assert.Contains(records, r => r["phone"]!.GetValue<string>() == "+4915112345678");
        Assert.Contains(records, r => r["addresses"]!.AsArray().Any(a => a!["city"]!.GetValue<string>() == "Hamburg"));
        await AssertValidAsync(api, "user", response.Data);
    }

    [Fact]
    public async Task APromptWithoutALocaleIsUnchanged()
    {
        await using var model = await LlmStandIn.StartAsync();
        await using var api = StartApi(("claude", model));

        var response = await api.Client.GenerateDataAsync(
            new GenerateRequest { Entity = "review", Count = 3, Seed = 4, GenerationMethod = GenerationMethod.Llm },
            deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.DoesNotContain("Locale", model.Calls[0].Prompt, StringComparison.Ordinal);
    }

    private static JsonObject User(int n, bool german) => new()
    {
        ["email"] = $"person{n}@example.com",
        ["first_name"] = german ? "Jürgen" : "John",
        ["last_name"] = german ? "Müller" : "Smith",
        ["phone"] = german ? "+4915112345678" : "+1 212 555 0100",
        ["addresses"] = new JsonArray(new JsonObject
        {
            ["label"] = "home",
            ["street"] = german ? "Lindenstraße 4" : "1 Main Street",
            ["city"] = german ? "Hamburg" : "Boston",
            ["state"] = german ? "Hamburg" : "MA",
            ["zip"] = german ? "20095" : "02108",
            ["country"] = german ? "DE" : "US",
            ["is_default"] = true,
        }),
        ["loyalty_tier"] = "silver",
    };
}
