using System.Text.RegularExpressions;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Traditional.Patterns;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Strings that match a .NET regular expression within length bounds, made by a random walk over a nondeterministic
/// automaton (<see cref="PatternAutomaton"/>). Satisfiability is decided before any record is made, and building is
/// charged to a work and memory budget (<see cref="PatternOptions"/>) and honours cancellation: no pattern can stall the
/// service or fill its memory. Values match by construction and come from the random sequence alone: the .NET engine
/// only checks a few samples while the generator is built (a sample it rejects refuses the pattern; one it cannot finish
/// within the match timeout is not checked), so how loaded the machine is never changes what a seed gives.
/// Fare (a dk.brics port) was the first choice, but it determinises, which takes exponential time for some short
/// patterns on a thread nobody can stop.
/// </summary>
public sealed class RegexValueSource
{
    // Samples checked by the .NET engine while building (backtracking: cheap to build, and the samples were made to match).
    private const int ConfirmedSamples = 3;

    private static readonly SizeBoundedCache<(string, int, int), RegexValueSource> s_cache = new(() => PatternLimits.Current.GeneratorCacheBytes);

    private readonly PatternAutomaton _automaton;

    private RegexValueSource(PatternAutomaton automaton, long buildWork)
    {
        _automaton = automaton;
        BuildWork = buildWork;
    }

    /// <summary>The units of work building took (<see cref="PatternOptions.MaxBuildWork"/>).</summary>
    public long BuildWork { get; }

    /// <summary>Approximate bytes held: the automaton and its length table.</summary>
    public long ApproximateBytes => _automaton.ApproximateBytes;

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

        var source = new RegexValueSource(automaton, budget.Work);
        var sample = new Random(1);
        for (var i = 0; i < ConfirmedSamples; i++)
        {
            if (source.Next(sample) is not { } value || Confirm(confirm, value) == false)
            {
                throw new ArgumentException("uses syntax whose matches could not be generated");
            }
        }

        s_cache.Add(key, source, source.ApproximateBytes);
        return source;
    }

    /// <summary>A generator of matching values driven by <paramref name="random"/>; null only when none fits.</summary>
    public Func<string?> CreateGenerator(Random random) => () => Next(random);

    /// <summary>
    /// A matching value drawn from <paramref name="random"/> alone (null only when none fits): nothing timed decides it,
    /// so a seed gives the same values on a quiet machine and a loaded one.
    /// </summary>
    public string? Next(Random random) => _automaton.Walk(random);

    // Whether the .NET engine agrees a sample matches; null when it could not finish within the match timeout (not checked).
    private static bool? Confirm(Regex confirm, string value)
    {
        try
        {
            return confirm.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
