using TestDataAgent.Api.Access;
using TestDataAgent.Generators.Locales;

namespace TestDataAgent.Api.Composition;

public static class LocaleEndpoints
{
    /// <summary>
    /// <c>GET /v1/locales</c>: the locales a request's <c>locale</c> may name, with the country and currency each gives.
    /// A plain HTTP route rather than a gRPC method, so the contract gains only the request field; a gRPC caller that names
    /// an unknown locale is told the supported ones in the error.
    /// </summary>
    public static WebApplication MapLocales(this WebApplication app)
    {
        var locales = LocaleCatalog.All.Select(l => new
        {
            name = l.Name,
            language = l.Language,
            country = l.Country,
            currency = l.Currency,
            minor_units = l.MinorUnits,
            calling_code = l.CallingCode,
        }).ToList();
        // Like GetSchemas: any caller with a scope (or an anonymous one where allowed).
        app.MapGet("/v1/locales", () => Results.Ok(new { locales }))
            .RequireAuthorization(ScopeRequirement.PolicyName(null))
            .RequireRateLimiting(AccessExtensions.RateLimitPolicy);
        return app;
    }
}
