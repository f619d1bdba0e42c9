using System.Text.RegularExpressions;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Traditional.Patterns;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Strings that match a .NET regular expression within length bounds, made by a random walk over a nondeterministic
/// automaton (<see cref="PatternAutomaton"/>). Satisfiability is decided before any record is made, every value is
/// confirmed with the .NET engine (within the match timeout), and building is charged to a work and memory budget
/// (<see cref="PatternOptions"/>) and honours cancellation: no pattern can stall the service or fill its memory.
/// Fare (a dk.brics port) was the first choice, but it determinises, which takes exponential time for some short
/// patterns on a thread nobody can stop.
/// </summary>
public sealed class RegexValueSource
{
    // The confirming regex (backtracking: cheap to build, and the values it checks were made to match).
    private const int ConfirmBytesPerCharacter = 64;

    private static readonly SizeBoundedCache<(string, int, int), RegexValueSource> s_cache = new(() => PatternLimits.Current.GeneratorCacheBytes);

    private readonly PatternAutomaton _automaton;
    private readonly Regex _confirm;
    private volatile bool _confirmTimedOut;

    private RegexValueSource(PatternAutomaton automaton, Regex confirm, long buildWork)
    {
        _automaton = automaton;
        _confirm = confirm;
        BuildWork = buildWork;
    }

    /// <summary>The units of work building took (<see cref="PatternOptions.MaxBuildWork"/>).</summary>
    public long BuildWork { get; }

    /// <summary>Approximate bytes held: the automaton, its length table and the confirming regex.</summary>
    public long ApproximateBytes => _automaton.ApproximateBytes + (_confirm.ToString().Length * (long)ConfirmBytesPerCharacter);

    /// <summary>The generators kept for reuse, and their approximate bytes (bounded by <see cref="PatternOptions.GeneratorCacheBytes"/>).</summary>
    internal static (int Count, long Bytes) CacheUsage => (s_cache.Count, s_cache.Bytes);

    /// <summary>
    /// Checks the pattern can produce a value within the bounds under the process's <see cref="PatternLimits"/>; throws
    /// <see cref="ArgumentException"/> saying why not (<see cref="PatternLimitExceededException"/>, naming the setting,
    /// when it would cost too much), or <see cref="OperationCanceledException"/>.
    /// </summary>
    public static RegexValueSource Create(string pattern, int minLength, int maxLength, CancellationToken cancellationToken = default) =>
        Create(pattern, minLength, maxLength, PatternLimits.Current, cancellationToken);

    /// <inheritdoc cref="Create(string, int, int, CancellationToken)"/>
    public static RegexValueSource Create(string pattern, int minLength, int maxLength, PatternOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(options);
        var key = (pattern, minLength, maxLength);
        if (s_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        if (pattern.Length > options.MaxLength)
        {
            var setting = PatternOptions.SettingName(nameof(PatternOptions.MaxLength));
            throw new PatternLimitExceededException(setting, $"is {pattern.Length} characters long; at most {options.MaxLength} are allowed ({setting})");
        }

        Regex confirm;
        try
        {
            confirm = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, options.MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"is not a valid regular expression ({ex.Message})");
        }

        var budget = new PatternBudget(options, minLength, maxLength, cancellationToken);
        var automaton = PatternAutomaton.Build(new PatternParser(pattern).Parse(), minLength, maxLength, budget);
        if (automaton.IsEmpty)
        {
            throw new ArgumentException($"cannot match any string of length {minLength} to {maxLength}");
        }

        var source = new RegexValueSource(automaton, confirm, budget.Work);
        var sample = source.CreateGenerator(new Random(1));
        for (var i = 0; i < 3; i++)
        {
            if (sample() is null)
            {
                var setting = PatternOptions.SettingName(nameof(PatternOptions.MatchTimeoutMilliseconds));
                throw source._confirmTimedOut
                    ? new PatternLimitExceededException(setting, $"takes longer than {options.MatchTimeoutMilliseconds} ms to match its own values ({setting})")
                    : new ArgumentException("uses syntax whose matches could not be generated");
            }
        }

        s_cache.Add(key, source, source.ApproximateBytes);
        return source;
    }

    /// <summary>A generator of matching values driven by <paramref name="random"/>; null when ten tries do not match.</summary>
    public Func<string?> CreateGenerator(Random random) => () => Next(random);

    /// <summary>A matching value drawn from <paramref name="random"/>; null when ten tries do not match.</summary>
    public string? Next(Random random)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (_automaton.Walk(random) is { } value && Matches(value))
            {
                return value;
            }
        }

        return null;
    }

    private bool Matches(string value)
    {
        if (_confirmTimedOut)
        {
            // A pattern that once ran past the timeout is not run again: each value would cost the whole timeout.
            return false;
        }

        try
        {
            return _confirm.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            _confirmTimedOut = true;
            return false;
        }
    }
}
