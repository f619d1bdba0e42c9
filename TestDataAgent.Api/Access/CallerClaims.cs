using System.Security.Claims;

namespace TestDataAgent.Api.Access;

/// <summary>The claims our authentication handlers give a caller: its name (as configured), its kind and its scopes.</summary>
internal static class CallerClaims
{
    /// <summary>How the caller proved who it is: <see cref="ApiKey"/>, <see cref="Certificate"/> or <see cref="Jwt"/>.</summary>
    public const string KindType = "testdata:caller_kind";

    public const string ApiKey = "key";
    public const string Certificate = "cert";
    public const string Jwt = "jwt";

    public static ClaimsPrincipal Principal(string kind, string name, IEnumerable<string> scopes, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(KindType, kind) };
        claims.AddRange(scopes.Select(scope => new Claim(Scopes.ClaimType, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller's scopes: one claim each, or a space-separated list in one claim (OAuth 2.0 access tokens).</summary>
    public static IEnumerable<string> ScopesOf(ClaimsPrincipal user, string claimType = Scopes.ClaimType) =>
        user.FindAll(claimType).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
