using System.Globalization;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>--scenario name[:count|:percent%][,field=value…]</c>, repeatable, onto the request's <c>scenarios</c>:
/// <c>vip:10,tier=gold</c> gives 10 records with <c>tier</c> set to <c>gold</c>; <c>vip:25%</c> gives a quarter of
/// <c>--count</c> (rounded down, worked out here: the wire carries counts only); <c>vip</c> alone shares what the counted
/// scenarios leave. A value may hold a comma written as <c>\,</c>; ranges (<c>price=10-50</c>) are the service's.
/// </summary>
internal static class ScenarioSyntax
{
    public static IReadOnlyList<ScenarioInput> Parse(IEnumerable<string> arguments, int total) =>
        [.. arguments.Select(a => ParseOne(a, total))];

    private static ScenarioInput ParseOne(string argument, int total)
    {
        var parts = SplitUnescaped(argument);
        var head = parts[0];
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? head : head[..colon];
        if (name.Length == 0)
        {
            throw new InvalidRequestException("scenario", $"scenario '{argument}' has no name (name[:count|:percent%][,field=value…])");
        }

        var count = colon < 0 ? 0 : Count(argument, head[(colon + 1)..], total);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidRequestException("scenario", $"scenario '{argument}': override '{part}' is not field=value");
            }

            overrides[part[..equals]] = part[(equals + 1)..];
        }

        return new ScenarioInput(name, count, overrides, "");
    }

    private static int Count(string argument, string text, int total)
    {
        if (text.EndsWith('%')
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            && percent is > 0 and <= 100)
        {
            return Math.Max(1, (int)(total * percent / 100));
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new InvalidRequestException("scenario", $"scenario '{argument}': '{text}' is neither a count (at least 1) nor a percentage (0-100%)");
    }

    private static List<string> SplitUnescaped(string text)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == ',')
            {
                current.Append(',');
                i++;
            }
            else if (text[i] == ',')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }
}
