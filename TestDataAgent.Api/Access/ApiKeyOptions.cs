namespace TestDataAgent.Api.Access;

/// <summary>
/// One API key, <c>Auth:ApiKeys:&lt;name&gt;</c>: the SHA-256 of the key in hex (the key itself is never stored), its
/// scopes and its limits. The name is who the caller is in limits, metrics and logs.
/// </summary>
public sealed class ApiKeyOptions : CallerLimitsOptions
{
    /// <summary>SHA-256 of the key (its UTF-8 bytes), 64 hex digits: <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Hash { get; set; } = "";

    public List<string> Scopes { get; set; } = [];
}
