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

    /// <summary>Runs <paramref name="body"/> on an idle pooled thread, or a new one.</summary>
    public static void Run(Action body)
    {
        if (!s_idle.TryPop(out var worker)) worker = new Worker();
        worker.Start(body);
    }

    private sealed class Worker
    {
        private readonly AutoResetEvent _go = new(false);
        private Action? _body;

        public Worker() => new Thread(Loop) { IsBackground = true, Name = "bounded-runtime-thread" }.Start();

        /// <summary>The event's set/wait is the hand-over's release/acquire: the worker sees <see cref="_body"/>.</summary>
        public void Start(Action body)
        {
            _body = body;
            _go.Set();
        }

        private void Loop()
        {
            while (true)
            {
                _go.WaitOne();
                var body = _body!;
                _body = null;
                body();
                s_idle.Push(this);
            }
        }
    }
}
