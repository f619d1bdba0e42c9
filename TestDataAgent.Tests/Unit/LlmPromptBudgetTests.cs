using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

/// <summary>Every caller-written text enters a prompt cut to its budget (Llm:MaxPromptTextChars, Llm:MaxExamplesChars).</summary>
public sealed class LlmPromptBudgetTests
{
    private static readonly IReadOnlySet<string> s_serviceFields = new HashSet<string>(["review_id"], StringComparer.Ordinal);

    [Fact]
    public void ExamplesEnterWholeWhileTheyFitWithTheirLongTextsCut()
    {
        var builder = new LlmPromptBuilder(Options.Create(new LlmOptions { MaxPromptTextChars = 200, MaxExamplesChars = 1_000 }));
        var request = TestRequests.Request("review", 10);
        var examples = Enumerable.Range(0, 50)
            .Select(i => new DataRecord { ["title"] = $"EXAMPLE-{i} " + new string('t', 50_000), ["rating"] = 4L })
            .ToList();

        var prompt = builder.Build(request, LlmBatch.Plan(request, 10)[0], 10, 0, s_serviceFields, examples, structuredOutput: false).User;

        // Whole records (each line still parses), the first ones, together within the budget, their titles cut.
        var lines = prompt.Split('\n').Where(l => l.Contains("EXAMPLE-", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count, 1, 49);
        Assert.All(lines, l => System.Text.Json.JsonDocument.Parse(l).Dispose());
        Assert.Equal(Enumerable.Range(0, lines.Count).Select(i => $"EXAMPLE-{i} "), lines.Select(l => l[(l.IndexOf("EXAMPLE-", StringComparison.Ordinal))..(l.IndexOf(' ', l.IndexOf("EXAMPLE-", StringComparison.Ordinal)) + 1)]));
        Assert.True(lines.Sum(l => l.Length + 1) <= 1_000, $"{lines.Sum(l => l.Length + 1)} characters of examples");
        Assert.DoesNotContain(new string('t', 200), prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void HintsOverridesAndTheScenarioNameAreCut()
    {
        var builder = new LlmPromptBuilder(Options.Create(new LlmOptions { MaxPromptTextChars = 100 }));
        var request = TestRequests.Request("review", 10) with
        {
            Hints = [.. Enumerable.Range(0, 64).Select(i => $"hint{i}-" + new string('h', 1_000))],
            Scenarios = [new ScenarioPlan("N" + new string('n', 10_000), 10, "", new Dictionary<string, object?> { ["title"] = "O" + new string('o', 10_000) })],
        };

        var prompt = builder.Build(request, LlmBatch.Plan(request, 10)[0], 10, 0, s_serviceFields, [], structuredOutput: false).User;

        Assert.Contains("hint0-", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("hint1-", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('n', 100), prompt, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('o', 100), prompt, StringComparison.Ordinal);
        Assert.Contains("Oooo", prompt, StringComparison.Ordinal);
    }
}
