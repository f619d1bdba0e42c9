using System.Text.RegularExpressions;
using TestDataAgent.Generators.Caching;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// The patterns records are validated against, compiled once and kept in a cache bounded by bytes
/// (<see cref="PatternOptions.ValidationCacheBytes"/>, measured as allocated while compiling). Short patterns run on the
/// non-backtracking engine (linear in the value); long ones, whose non-backtracking construction costs too much, and
/// those it cannot run (backreferences, lookarounds) backtrack. Every match has <see cref="PatternOptions.MatchTimeout"/>.
/// </summary>
internal static class ValidationPatterns
{
    private const long MinimumBytes = 1024;

    private static readonly SizeBoundedCache<string, ValidationPattern> s_cache = new(() => PatternLimits.Current.ValidationCacheBytes, StringComparer.Ordinal);

    /// <summary>The patterns kept for reuse, and their approximate bytes.</summary>
    internal static (int Count, long Bytes) CacheUsage => (s_cache.Count, s_cache.Bytes);

    /// <summary>
    /// Checks a schema's pattern before it is used: no longer than <see cref="PatternOptions.MaxLength"/>
    /// (<see cref="PatternLimitExceededException"/>) and valid .NET syntax (<see cref="ArgumentException"/> saying why).
    /// </summary>
    public static void CheckSyntax(string pattern, PatternOptions? options = null)
    {
        options ??= PatternLimits.Current;
        if (pattern.Length > options.MaxLength)
        {
            var setting = PatternOptions.SettingName(nameof(PatternOptions.MaxLength));
            throw new PatternLimitExceededException(setting, $"is {pattern.Length} characters long; at most {options.MaxLength} are allowed ({setting})");
        }

        try
        {
            // Parsing only (the backtracking engine's construction is linear in the pattern); nothing is matched.
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"is not a valid regular expression ({ex.Message})");
        }
    }

    /// <summary>The compiled pattern; <see cref="ArgumentException"/> when it is not a valid regular expression.</summary>
    public static ValidationPattern Get(string pattern, PatternOptions? options = null)
    {
        if (s_cache.TryGet(pattern, out var cached))
        {
            return cached;
        }

        options ??= PatternLimits.Current;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var compiled = new ValidationPattern(Compile(pattern, options), options);
        s_cache.Add(pattern, compiled, Math.Max(MinimumBytes, GC.GetAllocatedBytesForCurrentThread() - before));
        return compiled;
    }

    private static Regex Compile(string pattern, PatternOptions options)
    {
        var anchored = $"^(?:{pattern})$";
        if (pattern.Length <= options.NonBacktrackingMaxLength)
        {
            try
            {
                return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, options.MatchTimeout);
            }
            catch (NotSupportedException)
            {
                // Backreferences, lookarounds, or an automaton larger than the engine allows.
            }
        }

        return new Regex(anchored, RegexOptions.CultureInvariant, options.MatchTimeout);
    }
}
