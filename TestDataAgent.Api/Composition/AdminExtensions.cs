using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using TestDataAgent.Api.Access;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Rag;

namespace TestDataAgent.Api.Composition;

public static class AdminExtensions
{
    /// <summary>The header that carries <c>Admin:Token</c>.</summary>
    public const string TokenHeader = "X-Admin-Token";

    private static readonly string[] s_cacheTags = [ResponseCache.Tag, LlmCaller.Tag];
    private static readonly string[] s_cleared = ["responses", "llm_replay"];

    /// <summary>
    /// Operator endpoints under <c>/admin</c> on the HTTP port, behind the dashboard's resource commands: only when
    /// <c>Admin:Enabled</c> is true and <c>Admin:Token</c> is set (the AppHost does both at run time, with a fresh token),
    /// and only for requests over HTTP/1.1 (the HTTP port, not the gRPC one) that carry the token or a credential with the
    /// <c>admin</c> scope; refusals are logged, at most one line per 10 seconds. <c>POST /admin/cache/clear</c> forgets cached responses and replayed
    /// model answers; <c>POST /admin/patterns/seed</c> loads the seed corpus into the pattern store (idempotent).
    /// </summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        var token = app.Configuration["Admin:Token"];
        if (!app.Configuration.GetValue<bool>("Admin:Enabled") || string.IsNullOrWhiteSpace(token))
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes(token);
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpProtocol.IsHttp11(http.Request.Protocol) && !HttpProtocol.IsHttp10(http.Request.Protocol))
            {
                // Only on the HTTP port (HTTP/1.1): the gRPC port (HTTP/2) has no admin routes.
                return Results.NotFound();
            }

            var sent = Encoding.UTF8.GetBytes(http.Request.Headers[TokenHeader].ToString());
            if (CryptographicOperations.FixedTimeEquals(sent, expected) || CallerClaims.ScopesOf(http.User).Contains(Scopes.Admin))
            {
                return await next(context);
            }

            http.RequestServices.GetRequiredService<AuthFailureLog>().Refused("an admin call without the token or the admin scope", http);
            return Results.Unauthorized();
        });
        admin.MapPost("/cache/clear", async (HybridCache cache, CancellationToken cancellationToken) =>
        {
            await cache.RemoveByTagAsync(s_cacheTags, cancellationToken);
            return Results.Ok(new { cleared = s_cleared });
        });
        admin.MapPost("/patterns/seed", async (PatternLibrary patterns, CancellationToken cancellationToken) =>
            Results.Ok(new { seeded = await patterns.SeedAsync(cancellationToken) }));
        return app;
    }
}
