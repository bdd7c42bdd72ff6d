using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Wireless.Memory;

/// <summary>
/// The fast seam's threads: OS threads that outlive a run, as the device's AICPU threads outlive a kernel launch. A
/// launch hands each body to an idle thread (starting a new one only when none is idle) instead of creating a thread
/// per body, which cost about 0.6 ms a run on this machine: the whole time of a small workload.
/// </summary>
/// <remarks>
/// Design: an idle thread blocks on its own semaphore; <see cref="Start"/> takes it from the idle stack, stores the
/// body and releases the semaphore (the release/acquire pair of the semaphore publishes the body). When the body
/// returns, the thread records its exception, if any, sets its done event (which publishes the body's effects to
/// <see cref="IRuntimeThread.Join"/>) and only then goes back on the idle stack, so a body is never handed to a thread
/// whose previous body's caller has not been told it finished. Threads are background threads: an idle one never
/// keeps the process alive. Nothing here runs under the checker, whose seam creates controlled tasks instead.
/// </remarks>
internal static class AicpuThreads
{
    private static readonly ConcurrentStack<Worker> Idle = new();
    private static int _created;

    public static IRuntimeThread Start(Action body)
    {
        if (!Idle.TryPop(out var worker)) worker = new Worker(Interlocked.Increment(ref _created));
        return worker.Run(body);
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _go = new(0);
        private Action? _body;
        private Launch? _launch;

        public Worker(int number)
            => new Thread(Loop) { Name = $"aicpu-{number}", IsBackground = true }.Start();

        public Launch Run(Action body)
        {
            var launch = new Launch();
            _body = body;
            _launch = launch;
            _go.Release();
            return launch;
        }

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                var (body, launch) = (_body!, _launch!);
                _body = null;
                _launch = null;
                try
                {
                    body();
                }
                catch (Exception e)
                {
                    launch.Failure = ExceptionDispatchInfo.Capture(e);
                }
                launch.Done.Set();
                Idle.Push(this);
            }
        }
    }

    /// <summary>One body on one thread; <see cref="Join"/> waits for it and rethrows what it threw.</summary>
    private sealed class Launch : IRuntimeThread
    {
        public readonly ManualResetEventSlim Done = new();
        public ExceptionDispatchInfo? Failure;

        public void Join()
        {
            Done.Wait();
            Failure?.Throw();
        }
    }
}
