using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Rag;

/// <summary>The texts that are embedded: what a pattern is about, and what a request asks for.</summary>
internal static class PatternText
{
    // all-MiniLM-L6-v2 reads at most 256 word pieces; longer text only costs time.
    private const int MaxChars = 800;

    public static string ForPattern(string entity, string scenario, string description, DataRecord record)
    {
        var parts = new List<string> { entity, scenario.Replace('_', ' '), description };
        Collect(record, parts);
        return Truncate(string.Join(' ', parts.Where(p => p.Length > 0)));
    }

    public static string ForRequest(GenerationRequest request, PatternCategory kind)
    {
        var parts = new List<string>();
        if (request.Context.Length > 0)
        {
            parts.Add(request.Context);
        }

        parts.AddRange(request.Hints.Select(h => h.Replace('_', ' ')));
        foreach (var scenario in request.Scenarios)
        {
            if (scenario.Name != "default")
            {
                parts.Add(scenario.Name.Replace('_', ' '));
            }

            if (scenario.Description.Length > 0)
            {
                parts.Add(scenario.Description);
            }
        }

        if (parts.Count == 0)
        {
            parts.Add(kind switch
            {
                PatternCategory.Defect => $"{request.Entity} edge cases that trigger defects",
                PatternCategory.ProductionSample => $"typical production {request.Entity} records",
                _ => $"typical {request.Entity} test data",
            });
        }

        return Truncate($"{request.Entity} {string.Join(' ', parts)}");
    }

    private static void Collect(object? value, List<string> parts)
    {
        switch (value)
        {
            case string text when text.Length is > 1 and < 120 && !LooksLikeId(text):
                parts.Add(text);
                break;
            case DataRecord record:
                foreach (var (name, child) in record)
                {
                    if (!name.StartsWith('_'))
                    {
                        Collect(child, parts);
                    }
                }

                break;
            case List<object?> list:
                foreach (var item in list.Take(6))
                {
                    Collect(item, parts);
                }

                break;
        }
    }

    private static bool LooksLikeId(string text) => text.Count(char.IsDigit) >= 5 || (text.Length >= 20 && Guid.TryParse(text, out _));

    private static string Truncate(string text) => text.Length <= MaxChars ? text : text[..MaxChars];
}
