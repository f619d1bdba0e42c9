using System.Buffers;
using System.Globalization;
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
    /// <summary>
    /// Whether <paramref name="text"/> matches <c>^[^@\s]+@[^@\s]+\.[^@\s]+$</c> (.NET semantics: <c>\s</c> is
    /// <see cref="char.IsWhiteSpace(char)"/>, and <c>$</c> also matches before a final line feed), in one pass and without
    /// a regex engine: every string value of an email field is checked, so this runs for nearly every record.
    /// </summary>
    internal static bool IsEmail(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[^1] == '\n')
        {
            text = text[..^1];
        }

        var at = text.IndexOf('@');
        if (at < 1 || text.ContainsAnyExcept(s_emailSafe) && ContainsWhiteSpace(text))
        {
            return false;
        }

        // After the one @: no other, and a dot with at least one character either side.
        var domain = text[(at + 1)..];
        return domain.Length >= 3 && !domain.Contains('@') && domain[1..^1].Contains('.');
    }

    // Letters, digits and the punctuation of ordinary addresses: none of it white space, so a string of only these needs
    // no per-character white-space test.
    private static readonly SearchValues<char> s_emailSafe =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@_+-'");

    private static bool ContainsWhiteSpace(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

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
            "email" => IsEmail(text),
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
