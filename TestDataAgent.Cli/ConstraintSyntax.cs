using System.Globalization;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>--constraint field.rule=value</c>, repeatable, onto the request's <c>constraints.field_constraints</c>: the rule is
/// the last dot-separated part before the first <c>=</c> (so a field may be a path and a regex may hold dots and
/// <c>=</c>), one of <see cref="Rules"/>; <c>enum</c> values are separated by <c>|</c>. Several rules on one field merge.
/// </summary>
internal static class ConstraintSyntax
{
    public static readonly IReadOnlyList<string> Rules = ["min", "max", "enum", "regex", "min_length", "max_length", "format", "null_rate", "missing_rate"];

    public static IReadOnlyDictionary<string, FieldConstraintInput> Parse(IEnumerable<string> arguments)
    {
        var constraints = new Dictionary<string, FieldConstraintInput>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? argument : argument[..equals];
            var dot = key.LastIndexOf('.');
            if (equals < 0 || dot <= 0 || dot == key.Length - 1)
            {
                throw new InvalidRequestException("constraint", $"constraint '{argument}' is not field.rule=value (e.g. price.min=10)");
            }

            var (field, rule, value) = (key[..dot], key[(dot + 1)..], argument[(equals + 1)..]);
            var known = constraints.GetValueOrDefault(field) ?? new FieldConstraintInput();
            constraints[field] = rule switch
            {
                "min" => known with { Min = Number(argument, value) },
                "max" => known with { Max = Number(argument, value) },
                "enum" => known with { EnumValues = value.Split('|') },
                "regex" => known with { Regex = value },
                "min_length" => known with { MinLength = Whole(argument, value) },
                "max_length" => known with { MaxLength = Whole(argument, value) },
                "format" => known with { Format = value },
                "null_rate" => known with { NullRate = Number(argument, value) },
                "missing_rate" => known with { MissingRate = Number(argument, value) },
                _ => throw new InvalidRequestException("constraint", $"constraint '{argument}' names rule '{rule}'; the rules are {string.Join(", ", Rules)}"),
            };
        }

        return constraints;
    }

    private static double Number(string argument, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidRequestException("constraint", $"constraint '{argument}' needs a number after '='");

    private static int Whole(string argument, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidRequestException("constraint", $"constraint '{argument}' needs a whole number after '='");
}
