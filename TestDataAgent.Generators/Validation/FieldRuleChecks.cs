using System.Globalization;
using System.Text.RegularExpressions;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// The checks <see cref="RecordValidator"/> makes on one field's value: numeric ranges and allowed numbers, string
/// lengths, patterns (<see cref="ValidationPatterns"/>: bounded in time and memory, so no pattern can stall the service)
/// and formats.
/// </summary>
internal static class FieldRuleChecks
{
    // Our own fixed pattern, on the linear-time engine: no input can make it slow, so it needs no match timeout. (A 100 ms
    // timeout on the backtracking engine failed whole streams on a busy machine, when a thread was preempted mid-match.)
    private static readonly Regex s_email = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public static void CheckAllowedNumber(decimal number, FieldDefinition field, FieldPath path, long index, List<RuleViolation> violations)
    {
        if (field.Values.Count > 0 && !field.Values.Any(v => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var allowed) && allowed == number))
        {
            violations.Add(new RuleViolation(index, path, "enum", $"{path} must be one of {string.Join(", ", field.Values)}"));
        }
    }

    public static void CheckFormat(string text, string? format, FieldPath path, long index, List<RuleViolation> violations)
    {
        var ok = format switch
        {
            "email" => s_email.IsMatch(text),
            "uuid" => Guid.TryParseExact(text, "D", out _),
            "uri" or "url" => Uri.TryCreate(text, UriKind.Absolute, out _),
            "ipv4" => System.Net.IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') == 3,
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" or "iso8601" => Values.AsInstant(text) is not null,
            _ => true,
        };
        if (!ok)
        {
            violations.Add(new RuleViolation(index, path, "format", $"{path} is not a valid {format}"));
        }
    }

    public static void CheckRange(decimal number, FieldDefinition field, FieldPath path, long index, List<RuleViolation> violations)
    {
        if (field.Min is { } min && number < (decimal)min)
        {
            violations.Add(new RuleViolation(index, path, "min", $"{path} is {number}; the minimum is {min}"));
        }

        if (field.Max is { } max && number > (decimal)max)
        {
            violations.Add(new RuleViolation(index, path, "max", $"{path} is {number}; the maximum is {max}"));
        }
    }

    public static void CheckString(string text, FieldDefinition field, FieldPath path, long index, List<RuleViolation> violations)
    {
        if (text.Length < field.MinLength)
        {
            violations.Add(new RuleViolation(index, path, "min_length", $"{path} has {text.Length} characters; at least {field.MinLength} are required"));
        }

        if (text.Length > field.MaxLength)
        {
            violations.Add(new RuleViolation(index, path, "max_length", $"{path} has {text.Length} characters; at most {field.MaxLength} are allowed"));
        }

        if (field.Pattern is { Length: > 0 } pattern)
        {
            CheckPattern(text, pattern, path, index, violations);
        }
    }

    private static void CheckPattern(string text, string pattern, FieldPath path, long index, List<RuleViolation> violations)
    {
        ValidationPattern compiled;
        try
        {
            compiled = ValidationPatterns.Get(pattern);
        }
        catch (ArgumentException ex)
        {
            violations.Add(new RuleViolation(index, path, "regex", $"{path} could not be checked: {pattern} is not a valid regular expression ({ex.Message})"));
            return;
        }

        switch (compiled.Matches(text))
        {
            case false:
                violations.Add(new RuleViolation(index, path, "regex", $"{path} does not match {pattern}"));
                break;
            case null:
                violations.Add(new RuleViolation(index, path, "regex", $"{path} could not be checked against {pattern}: {compiled.TimeoutReason}") { NotChecked = true });
                break;
        }
    }
}
