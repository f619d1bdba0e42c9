namespace TestDataAgent.Api.Access;

/// <summary>
/// What a caller without a credential may do when <c>Auth:AllowAnonymous</c> is on (<c>Auth:Anonymous</c>): its scopes
/// (never <c>admin</c>) and its limits, counted per client address.
/// </summary>
public sealed class AnonymousCallerOptions : CallerLimitsOptions
{
    private static readonly IReadOnlyList<string> s_defaultScopes = [Access.Scopes.Generate, Access.Scopes.Validate, Access.Scopes.PatternsWrite];

    /// <summary>Unset: generate, validate and patterns:write. (Null by default because binding appends to a list's items.)</summary>
    public List<string>? Scopes { get; set; }

    public IReadOnlyList<string> EffectiveScopes => Scopes ?? s_defaultScopes;
}
