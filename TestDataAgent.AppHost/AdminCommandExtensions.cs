using System.Security.Cryptography;

namespace TestDataAgent.AppHost;

public static class AdminCommandExtensions
{
    /// <summary>
    /// Dashboard commands on the api — <em>Clear cache</em> and <em>Seed patterns</em> — that call its <c>/admin</c>
    /// endpoints with a token made for this run only. Run mode only: a deployment has no admin routes.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAdminCommands(this IResourceBuilder<ProjectResource> api)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return api.WithEnvironment("Admin__Enabled", "true")
            .WithEnvironment("Admin__Token", token)
            .WithAdminCommand(token, "/admin/cache/clear", "Clear cache", "clear-cache", "Forget cached responses and replayed model answers", "Delete")
            .WithAdminCommand(token, "/admin/patterns/seed", "Seed patterns", "seed-patterns", "Load the shipped seed corpus into the pattern store (idempotent)", "DatabaseArrowUp");
    }

    private static IResourceBuilder<ProjectResource> WithAdminCommand(this IResourceBuilder<ProjectResource> api, string token, string path,
        string displayName, string name, string description, string icon) =>
        api.WithHttpCommand(path, displayName, ResourceNames.HttpEndpoint, name, new HttpCommandOptions
        {
            Description = description,
            IconName = icon,
            PrepareRequest = context =>
            {
                context.Request.Headers.Add("X-Admin-Token", token);
                return Task.CompletedTask;
            },
        });
}
