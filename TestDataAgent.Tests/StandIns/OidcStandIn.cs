using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TestDataAgent.Tests.StandIns;

/// <summary>
/// An OpenID Connect authority on a loopback port: its discovery document and its signing keys (JWKS), as an identity
/// provider serves them, and tokens signed with its key (or with a key it does not publish, for refusals).
/// </summary>
public sealed class OidcStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "stand-in" };

    private OidcStandIn(WebApplication app) => _app = app;

    public string Authority { get; private set; } = "";

    public static async Task<OidcStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new OidcStandIn(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = standIn.Authority,
            ["jwks_uri"] = standIn.Authority + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = standIn._key.Rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = standIn._key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        await app.StartAsync();
        standIn.Authority = app.Urls.Single().Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return standIn;
    }

    /// <summary>A token for <paramref name="subject"/> with <paramref name="scope"/> (space-separated), signed by this authority or, with <paramref name="foreignKey"/>, by a key it does not publish.</summary>
    public string Token(string subject, string scope, string audience, bool foreignKey = false)
    {
        var key = foreignKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = "stand-in" } : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", scope)]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
