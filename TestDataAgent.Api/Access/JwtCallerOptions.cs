namespace TestDataAgent.Api.Access;

/// <summary>
/// JWT bearer tokens from an identity provider, <c>Auth:Jwt</c>: on when <see cref="Authority"/> is set. Scopes come
/// from <see cref="ScopeClaim"/> (space-separated, as OAuth 2.0 writes them); each subject gets these limits.
/// </summary>
public sealed class JwtCallerOptions : CallerLimitsOptions
{
    /// <summary>The OIDC authority whose discovery document and signing keys validate tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether the authority must be HTTPS (keep it on outside a test network).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string ScopeClaim { get; set; } = "scope";
}
