using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
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
    /// and only for requests that carry the token. <c>POST /admin/cache/clear</c> forgets cached responses and replayed
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
            var sent = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[TokenHeader].ToString());
            return CryptographicOperations.FixedTimeEquals(sent, expected) ? await next(context) : Results.Unauthorized();
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
