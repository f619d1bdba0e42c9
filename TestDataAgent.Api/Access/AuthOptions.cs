namespace TestDataAgent.Api.Access;

/// <summary>
/// Who may call (<c>Auth</c>, validated at start): API keys, JWT bearer tokens, client certificates, and whether a caller
/// without any may (<see cref="AllowAnonymous"/>: on by default in Development only). Health, liveness, readiness and
/// metrics are open whatever this says (metrics too can require a credential).
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Calls without a credential are served (with <see cref="Anonymous"/>'s scopes and limits); unset: only in Development.</summary>
    public bool? AllowAnonymous { get; set; }

    /// <summary><c>/metrics</c> requires a credential with the <c>admin</c> scope.</summary>
    public bool MetricsRequireCredential { get; set; }

    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, CertificateCallerOptions> Certificates { get; set; } = new(StringComparer.Ordinal);

    public JwtCallerOptions Jwt { get; set; } = new();

    public AnonymousCallerOptions Anonymous { get; set; } = new();

    /// <summary>Some caller has a <c>RequestsPerSecond</c>; with none, calls skip the rate limiter altogether.</summary>
    public bool LimitsRequestRate =>
        Anonymous.RequestsPerSecond > 0 || Jwt.RequestsPerSecond > 0
        || ApiKeys.Values.Any(key => key.RequestsPerSecond > 0) || Certificates.Values.Any(certificate => certificate.RequestsPerSecond > 0);

    /// <summary>The first thing wrong with these settings, naming the setting, or null.</summary>
    public string? Problem()
    {
        foreach (var (name, key) in ApiKeys)
        {
            if (key.Hash.Length != 64 || !key.Hash.All(char.IsAsciiHexDigit))
            {
                return $"Auth:ApiKeys:{name}:Hash must be the SHA-256 of the key as 64 hex digits.";
            }

            if (UnknownScope(key.Scopes) is { } scope)
            {
                return $"Auth:ApiKeys:{name}:Scopes has '{scope}'; the scopes are {string.Join(", ", Scopes.All)}.";
            }
        }

        foreach (var (name, certificate) in Certificates)
        {
            if (string.IsNullOrWhiteSpace(certificate.Thumbprint) && string.IsNullOrWhiteSpace(certificate.Subject))
            {
                return $"Auth:Certificates:{name} needs a Thumbprint or a Subject.";
            }

            if (UnknownScope(certificate.Scopes) is { } scope)
            {
                return $"Auth:Certificates:{name}:Scopes has '{scope}'; the scopes are {string.Join(", ", Scopes.All)}.";
            }
        }

        if (Anonymous.EffectiveScopes.Contains(Scopes.Admin))
        {
            return "Auth:Anonymous:Scopes cannot hold 'admin'.";
        }

        return UnknownScope(Anonymous.EffectiveScopes) is { } anonymous
            ? $"Auth:Anonymous:Scopes has '{anonymous}'; the scopes are {string.Join(", ", Scopes.All)}."
            : null;
    }

    private static string? UnknownScope(IEnumerable<string> scopes) => scopes.FirstOrDefault(scope => !Scopes.IsKnown(scope));
}
