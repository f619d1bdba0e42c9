namespace TestDataAgent.Generators;

/// <summary>
/// The service's version, defined once (<c>Version</c> in Directory.Build.props). Cache and pool keys carry
/// <see cref="Full"/>, so a new version never replays what an older one made.
/// </summary>
public static class ServiceVersion
{
    private static readonly Version s_version = typeof(ServiceVersion).Assembly.GetName().Version ?? new Version(0, 0, 0, 0);

    /// <summary>All four parts, for keys: <c>0.2.0.0</c>.</summary>
    public static string Full { get; } = s_version.ToString();

    /// <summary>Major, minor and patch, for people: <c>0.2.0</c>.</summary>
    public static string Display { get; } = s_version.ToString(3);
}
