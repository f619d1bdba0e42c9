namespace TestDataAgent.Generators.Generation;

/// <summary>Whether something can serve now, and if not, why (for routing reasons, warnings and health).</summary>
public readonly record struct Availability(bool IsAvailable, string Reason)
{
    public static Availability Available { get; } = new(true, "");

    public static Availability Unavailable(string reason) => new(false, reason);
}
