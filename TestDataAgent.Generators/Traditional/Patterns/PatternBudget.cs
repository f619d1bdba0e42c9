namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>
/// What building one pattern's generator may spend, charged as it builds: units of work (<see cref="PatternOptions.MaxBuildWork"/>)
/// and approximate bytes (<see cref="PatternOptions.MaxGeneratorBytes"/>). Exceeding either throws
/// <see cref="PatternLimitExceededException"/>; the cancellation token is checked every few thousand units, so a
/// cancelled build stops within microseconds to milliseconds.
/// </summary>
internal sealed class PatternBudget(long maxWork, long maxBytes, string lengths, CancellationToken cancellationToken = default)
{
    private const long CheckEvery = 1 << 14;

    private long _nextCheck = CheckEvery;

    public PatternBudget(PatternOptions options, int minLength, int maxLength, CancellationToken cancellationToken = default)
        : this(options.MaxBuildWork, options.MaxGeneratorBytes, $"lengths {minLength} to {maxLength}", cancellationToken)
    {
    }

    public long Work { get; private set; }

    public long Bytes { get; private set; }

    public void Spend(long units)
    {
        Work += units;
        if (Work > maxWork)
        {
            throw new PatternLimitExceededException(PatternOptions.SettingName(nameof(PatternOptions.MaxBuildWork)),
                $"needs more than {maxWork} units of work to build a generator for {lengths} (limit {PatternOptions.SettingName(nameof(PatternOptions.MaxBuildWork))}); simplify the pattern, narrow the lengths or raise the setting");
        }

        if (Work >= _nextCheck)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _nextCheck = Work + CheckEvery;
        }
    }

    public void Hold(long bytes)
    {
        Bytes += bytes;
        if (Bytes > maxBytes)
        {
            throw new PatternLimitExceededException(PatternOptions.SettingName(nameof(PatternOptions.MaxGeneratorBytes)),
                $"needs more than {maxBytes} bytes for a generator for {lengths} (limit {PatternOptions.SettingName(nameof(PatternOptions.MaxGeneratorBytes))}); simplify the pattern, narrow the lengths or raise the setting");
        }
    }
}
