using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// The checks <see cref="RecordValidator"/> makes on one field's value: numeric ranges and allowed numbers, string
/// lengths, patterns (with a time limit: no pattern can stall the service) and formats.
/// </summary>
internal static class FieldRuleChecks
{
    private static readonly TimeSpan s_patternTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly ConcurrentDictionary<string, Regex> s_patterns = new(StringComparer.Ordinal);
    private static readonly Regex s_email = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public static void CheckAllowedNumber(decimal number, FieldDefinition field, string path, long index, List<RuleViolation> violations)
    {
        if (field.Values.Count > 0 && !field.Values.Any(v => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var allowed) && allowed == number))
        {
            violations.Add(new RuleViolation(index, path, "enum", $"{path} must be one of {string.Join(", ", field.Values)}"));
        }
    }

    public static void CheckFormat(string text, string? format, string path, long index, List<RuleViolation> violations)
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

    public static void CheckRange(decimal number, FieldDefinition field, string path, long index, List<RuleViolation> violations)
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

    public static void CheckString(string text, FieldDefinition field, string path, long index, List<RuleViolation> violations)
    {
        if (text.Length < field.MinLength)
        {
            violations.Add(new RuleViolation(index, path, "min_length", $"{path} has {text.Length} characters; at least {field.MinLength} are required"));
        }

        if (text.Length > field.MaxLength)
        {
            violations.Add(new RuleViolation(index, path, "max_length", $"{path} has {text.Length} characters; at most {field.MaxLength} are allowed"));
        }

        if (field.Pattern is { Length: > 0 } pattern && !Matches(pattern, text))
        {
            violations.Add(new RuleViolation(index, path, "regex", $"{path} does not match {pattern}"));
        }
    }

    private static Regex Compile(string pattern)
    {
        var anchored = $"^(?:{pattern})$";
        try
        {
            // Linear time whatever the pattern; constructs it cannot run fall back to a timed backtracking engine.
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, s_patternTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(anchored, RegexOptions.CultureInvariant, s_patternTimeout);
        }
    }

    private static bool Matches(string pattern, string text)
    {
        var regex = s_patterns.GetOrAdd(pattern, Compile);
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
