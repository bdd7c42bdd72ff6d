using System.Collections.Concurrent;

namespace Wireless.Checking.Seam;

/// <summary>
/// The real threads that run the bounded strategy's runtime threads, kept from one iteration to the next: a schedule
/// starts three or four threads, and creating and ending an OS thread cost more than the rest of a proof-sized
/// schedule's hand-offs together. A thread of the pool runs one body at a time and comes back when the body returned;
/// the bounded scheduler, not this class, decides when a body runs (<see cref="Bounded.BoundedScheduler"/>), and a
/// body leaves no state on its thread (<see cref="CheckedThread"/> clears its thread-statics).
/// </summary>
internal static class BoundedThreads
{
    private static readonly ConcurrentStack<Worker> s_idle = new();

    /// <summary>
    /// Gives <paramref name="body"/> to an idle pooled thread, or a new one, and returns the thread's event: the body
    /// starts when the event is set, which the bounded scheduler does when it first hands the thread the token, and the
    /// same event wakes the thread at each later hand-over. Starting a thread thus costs no wake-up of its own: a thread
    /// woken only to wait for its first turn cost two context switches per thread per schedule.
    /// </summary>
    public static AutoResetEvent Run(Action body)
    {
        if (!s_idle.TryPop(out var worker)) worker = new Worker();
        Volatile.Write(ref worker.Body, body);
        return worker.Wake;
    }

    private sealed class Worker
    {
        public readonly AutoResetEvent Wake = new(false);

        /// <summary>The next body to run; written before the event that starts it is set (the set/wait is the release/acquire).</summary>
        public Action? Body;

        public Worker() => new Thread(Loop) { IsBackground = true, Name = "bounded-runtime-thread" }.Start();

        private void Loop()
        {
            while (true)
            {
                Action? body;
                // A set left over from the last body (a hand-over that found the thread awake) may wake it early: the
                // body's first step waits for the token anyway (BoundedScheduler.Enter).
                while ((body = Interlocked.Exchange(ref Body, null)) is null) Wake.WaitOne();
                body();
                s_idle.Push(this);
            }
        }
    }
}
