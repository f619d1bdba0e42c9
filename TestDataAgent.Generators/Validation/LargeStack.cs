using System.Runtime.ExceptionServices;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// Runs work that recurses as deep as a caller's JSON Schema on a thread of its own with a large stack. JsonSchema.Net
/// builds and evaluates schemas recursively; <see cref="ValidationOptions"/> bounds that depth, and this stack holds it
/// with room to spare (a stack overflow would end the process, not just the call).
/// </summary>
internal static class LargeStack
{
    /// <summary>The reserved stack; only what is used is committed.</summary>
    public const int StackBytes = 64 * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                // Rethrown on the caller's thread below, with its original stack trace.
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }, StackBytes)
        {
            IsBackground = true,
            Name = "json-schema-validation",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
