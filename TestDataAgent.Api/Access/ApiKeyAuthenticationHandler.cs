using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Access;

/// <summary>
/// API keys in the <c>x-api-key</c> header (gRPC metadata of the same name is the same HTTP/2 header), checked against
/// the SHA-256 hashes in <c>Auth:ApiKeys</c>. No header: no result (anonymous, if allowed); an unknown key: a failure, so
/// a wrong key is refused even where anonymous callers are served.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyTable keys, AuthFailureLog failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "x-api-key";

    // Keys are at most this long; a longer header is refused without hashing it.
    private const int MaxKeyLength = 512;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var sent = Request.Headers[HeaderName];
        if (sent.Count == 0 || string.IsNullOrEmpty(sent[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = sent[0]!;
        if (key.Length <= MaxKeyLength)
        {
            Span<byte> utf8 = stackalloc byte[MaxKeyLength * 3];
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], hash);
            if (keys.TryFind(hash, out var name, out var scopes))
            {
                var principal = CallerClaims.Principal(CallerClaims.ApiKey, name, scopes, SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
            }
        }

        failures.Refused("an unknown API key", Context);
        var why = $"The {HeaderName} header holds no configured API key.";
        RefusedCredential.Mark(Context, why);
        return Task.FromResult(AuthenticateResult.Fail(why));
    }
}
