namespace TestDataAgent.Tests.Infrastructure;

/// <summary>A fact that needs <see cref="SmallFileSystem"/>: skipped, saying why, where a tmpfs cannot be mounted.</summary>
public sealed class SmallFileSystemFactAttribute : FactAttribute
{
    public SmallFileSystemFactAttribute()
    {
        if (SmallFileSystem.WhyNot is { } reason)
        {
            Skip = reason;
        }
    }
}
