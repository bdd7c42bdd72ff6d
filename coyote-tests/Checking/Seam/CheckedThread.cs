using Wireless.Memory;

namespace Wireless.Checking.Seam;

/// <summary>
/// A runtime thread under Coyote: a <see cref="Thread"/> created in this (rewritten) assembly, so Coyote controls
/// its start, every scheduling point in it, and <see cref="Join"/>. Its name is what traces show.
/// </summary>
internal sealed class CheckedThread : IRuntimeThread
{
    [ThreadStatic] private static string? t_name;

    private readonly Thread _thread;

    private CheckedThread(Thread thread) => _thread = thread;

    /// <summary>The name of the runtime thread running the caller ("test" for the test's own thread).</summary>
    public static string CurrentName => t_name ?? "test";

    /// <summary>Renames the calling runtime thread (to its role, once the gate gave it one).</summary>
    public static void RenameCurrent(string name) => t_name = name;

    public static CheckedThread Start(string name, Action body)
    {
        var thread = new Thread(() =>
        {
            t_name = name;
            body();
        });
        thread.Start();
        return new CheckedThread(thread);
    }

    public void Join() => _thread.Join();
}
