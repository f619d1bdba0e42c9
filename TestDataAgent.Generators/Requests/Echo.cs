namespace TestDataAgent.Generators.Requests;

/// <summary>
/// Caller-sent text as it may appear in an error message, a warning or a log line: at most <see cref="MaxChars"/>
/// characters, then "… (N characters)", so a 20 MB value never becomes a 20 MB error or log line.
/// </summary>
public static class Echo
{
    /// <summary>Most characters of one caller-sent value that are echoed.</summary>
    public const int MaxChars = 200;

    /// <summary>Most characters of a whole error message (a message that echoes many values, each cut).</summary>
    public const int MaxMessageChars = 4_000;

    /// <summary><paramref name="value"/> when short enough, else its start (never half a surrogate pair) and its length.</summary>
    public static string Quote(string? value) => Cut(value ?? "", MaxChars);

    /// <summary>At most <paramref name="max"/> characters of <paramref name="value"/> followed by "… (N characters)".</summary>
    public static string Cut(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var end = max;
        if (end > 0 && char.IsHighSurrogate(value[end - 1]))
        {
            end--;
        }

        return string.Concat(value.AsSpan(0, end), $"… ({value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} characters)");
    }
}
