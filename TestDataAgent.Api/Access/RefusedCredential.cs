namespace TestDataAgent.Api.Access;

/// <summary>
/// Marks a request whose credential was sent and refused (a wrong key, a bad token, an unknown certificate), so that it
/// is answered <c>UNAUTHENTICATED</c> even where callers without a credential are served.
/// </summary>
internal static class RefusedCredential
{
    private static readonly object s_key = new();

    public static void Mark(HttpContext context, string why) => context.Items[s_key] = why;

    public static string? Of(HttpContext context) => context.Items.TryGetValue(s_key, out var why) ? why as string : null;
}
