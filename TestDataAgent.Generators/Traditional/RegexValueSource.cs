using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using TestDataAgent.Generators.Traditional.Patterns;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Strings that match a .NET regular expression within length bounds, made by a random walk over a nondeterministic
/// automaton (<see cref="PatternAutomaton"/>). Satisfiability is decided before any record is made, every value is
/// confirmed with the .NET engine, and all work is polynomial and capped: no pattern can stall the service.
/// Fare (a dk.brics port) was the first choice, but it determinises, which takes exponential time for some short
/// patterns on a thread nobody can stop.
/// </summary>
public sealed class RegexValueSource
{
    private const int MaxPatternLength = 512;
    private const int MaxCacheEntries = 256;
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly ConcurrentDictionary<(string, int, int), RegexValueSource> s_cache = new();

    private readonly PatternAutomaton _automaton;
    private readonly Regex _confirm;

    private RegexValueSource(PatternAutomaton automaton, Regex confirm)
    {
        _automaton = automaton;
        _confirm = confirm;
    }

    /// <summary>Checks the pattern can produce a value within the bounds; throws <see cref="ArgumentException"/> saying why not.</summary>
    public static RegexValueSource Create(string pattern, int minLength, int maxLength)
    {
        var key = (pattern, minLength, maxLength);
        if (s_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (pattern.Length > MaxPatternLength)
        {
            throw new ArgumentException($"is {pattern.Length} characters long; at most {MaxPatternLength} are supported");
        }

        Regex confirm;
        try
        {
            confirm = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, s_matchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"is not a valid regular expression ({ex.Message})");
        }

        var automaton = PatternAutomaton.Build(new PatternParser(pattern).Parse(), minLength, maxLength);
        if (automaton.IsEmpty)
        {
            throw new ArgumentException($"cannot match any string of length {minLength} to {maxLength}");
        }

        var source = new RegexValueSource(automaton, confirm);
        var sample = source.CreateGenerator(new Random(1));
        for (var i = 0; i < 3; i++)
        {
            _ = sample() ?? throw new ArgumentException("uses syntax whose matches could not be generated");
        }

        if (s_cache.Count < MaxCacheEntries)
        {
            s_cache[key] = source;
        }

        return source;
    }

    /// <summary>A generator of matching values driven by <paramref name="random"/>; null when ten tries do not match.</summary>
    public Func<string?> CreateGenerator(Random random) => () =>
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (_automaton.Walk(random) is { } value && Matches(value))
            {
                return value;
            }
        }

        return null;
    };

    private bool Matches(string value)
    {
        try
        {
            return _confirm.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
