using Microsoft.AspNetCore.Authorization;

namespace TestDataAgent.Api.Access;

/// <summary>The caller holds <see cref="Scope"/> (or <c>admin</c>); a null scope asks only for a caller that may call at all.</summary>
public sealed class ScopeRequirement(string? scope) : IAuthorizationRequirement
{
    public string? Scope { get; } = scope;

    /// <summary>The policy name for <paramref name="scope"/>.</summary>
    public static string PolicyName(string? scope) => scope is null ? "caller" : $"scope:{scope}";
}
