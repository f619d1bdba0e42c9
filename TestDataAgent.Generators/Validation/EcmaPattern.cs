using System.Text;
using System.Text.RegularExpressions;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// The regular expressions of a JSON Schema (<c>pattern</c>, <c>patternProperties</c> names), which the specification
/// reads as ECMA-262, compiled so that none can stall the service: .NET's linear-time engine (<c>NonBacktracking</c>)
/// wherever the pattern allows it, else the backtracking engine in ECMAScript mode with a match timeout.
/// </summary>
/// <remarks>
/// For the linear-time engine the pattern is read as ECMA-262 reads it: <c>\d</c> and <c>\w</c> are ASCII
/// (<c>[0-9]</c>, <c>[a-zA-Z0-9_]</c>), <c>.</c> excludes every line terminator and <c>$</c> is the end of the text
/// (not also before a final newline, as in .NET). Lookarounds and backreferences need the backtracking engine.
/// </remarks>
internal static class EcmaPattern
{
    public static Regex Create(string pattern, TimeSpan timeout)
    {
        try
        {
            return new Regex(ToLinearSyntax(pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Lookarounds, backreferences, atomic groups: only the backtracking engine runs them.
        }
        catch (ArgumentException)
        {
            // ECMA-262 syntax .NET's default syntax reads otherwise; the ECMAScript mode below reads it.
        }

        return new Regex(pattern, RegexOptions.ECMAScript, timeout);
    }

    /// <summary>Rewrites the constructs whose ECMA-262 meaning differs from .NET's into their ECMA-262 meaning.</summary>
    public static string ToLinearSyntax(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                result.Append((next, inClass) switch
                {
                    ('d', false) => "[0-9]",
                    ('d', true) => "0-9",
                    ('D', false) => "[^0-9]",
                    ('w', false) => "[a-zA-Z0-9_]",
                    ('w', true) => "a-zA-Z0-9_",
                    ('W', false) => "[^a-zA-Z0-9_]",
                    _ => $"\\{next}",
                });
                continue;
            }

            switch (c)
            {
                case '[' when !inClass:
                    inClass = true;
                    result.Append(c);
                    break;
                case ']' when inClass:
                    inClass = false;
                    result.Append(c);
                    break;
                case '.' when !inClass:
                    result.Append(@"[^\n\r\u2028\u2029]");
                    break;
                case '$' when !inClass:
                    result.Append(@"\z");
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }
}
