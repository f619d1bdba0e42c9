using System.Text.RegularExpressions;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// One compiled validation pattern. A pattern that once ran past the match timeout is not run again while it is cached:
/// each further value would cost the whole timeout, so they are reported as not checked at once.
/// </summary>
internal sealed class ValidationPattern(Regex regex, PatternOptions options)
{
    private volatile bool _timedOut;

    public bool IsNonBacktracking => (regex.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>Whether <paramref name="value"/> matches; null when it could not be checked within the timeout.</summary>
    public bool? Matches(string value)
    {
        if (_timedOut)
        {
            return null;
        }

        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            _timedOut = true;
            return null;
        }
    }

    /// <summary>Why a value was not checked, naming the setting.</summary>
    public string TimeoutReason =>
        $"the pattern ran past its match timeout of {options.MatchTimeoutMilliseconds} ms ({PatternOptions.SettingName(nameof(PatternOptions.MatchTimeoutMilliseconds))}) and is not run again";
}
