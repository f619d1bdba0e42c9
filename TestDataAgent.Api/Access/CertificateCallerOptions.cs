namespace TestDataAgent.Api.Access;

/// <summary>
/// One client certificate accepted as a credential, <c>Auth:Certificates:&lt;name&gt;</c>: matched by thumbprint (SHA-1
/// hex, as <c>openssl x509 -fingerprint</c> prints it without colons) or by subject (<c>CN=…</c>), with scopes and limits
/// as an API key has.
/// </summary>
public sealed class CertificateCallerOptions : CallerLimitsOptions
{
    public string? Thumbprint { get; set; }

    public string? Subject { get; set; }

    public List<string> Scopes { get; set; } = [];
}
