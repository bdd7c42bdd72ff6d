using Wireless.Checking.MemoryModel;
using Wireless.Memory;

namespace Wireless.Checking.Seam;

/// <summary>
/// A runtime thread under the checker: a <see cref="Thread"/> created in this (rewritten) assembly. Under Coyote's
/// engine (the sampling strategies) Coyote controls its start, every scheduling point in it, and <see cref="Join"/>;
/// under the bounded strategy, which runs without Coyote's engine, it is a real thread that the bounded scheduler
/// serializes (<see cref="Bounded.BoundedScheduler"/>). It carries the thread's memory-model state: starting a thread
/// and joining it are happens-before edges.
/// </summary>
internal sealed class CheckedThread : IRuntimeThread
{
    [ThreadStatic] private static ModelThread? t_current;
    [ThreadStatic] private static CheckRun? t_run;

    /// <summary>The OS thread, or null for a pooled one of the bounded strategy (<see cref="BoundedThreads"/>).</summary>
    private readonly Thread? _thread;
    private readonly ModelThread _model;

    private CheckedThread(Thread? thread, ModelThread model)
    {
        _thread = thread;
        _model = model;
    }

    /// <summary>The memory-model state of the calling thread (the test's own thread outside runtime threads).</summary>
    public static ModelThread Current => t_current ?? CheckRun.Current.MainThread;

    /// <summary>
    /// The run the calling thread belongs to: a runtime thread's, or the one the calling thread began as its main
    /// thread (<see cref="BindMain"/>); null on a thread outside every run.
    /// </summary>
    public static CheckRun? CurrentRun => t_run;

    /// <summary>The name of the runtime thread running the caller ("test" for the test's own thread).</summary>
    public static string CurrentName => Current.Name;

    /// <summary>
    /// Makes the calling thread <paramref name="run"/>'s main thread (it may have run a runtime thread, or begun an
    /// earlier run, before). Bound to its run like a runtime thread, a main thread that outlives its iteration is
    /// stopped at its next access as well (<see cref="CheckRun.CurrentOrNull"/>).
    /// </summary>
    public static void BindMain(CheckRun run)
    {
        t_current = null;
        t_run = run;
    }

    /// <summary>The calling thread leaves its run (its main thread, at the end of the iteration).</summary>
    public static void Unbind()
    {
        t_current = null;
        t_run = null;
    }

    /// <summary>Renames the calling runtime thread (to its role, once the gate gave it one).</summary>
    public static void RenameCurrent(string name) => Current.Name = name;

    public static CheckedThread Start(string name, Action body)
    {
        var parent = Current;
        var run = CheckRun.Current;
        var model = run.NewThread(parent, name);
        void Body()
        {
            t_current = model;
            t_run = run;
            try
            {
                run.Bounded?.Enter(model.Id);
                body();
                run.Bounded?.Finish(model.Id);
            }
            catch (StaleThreadException)
            {
                // The thread outlived its iteration (see CheckRun.CurrentOrNull), or the bounded scheduler stopped the
                // run (a bug): it just stops, and under the bounded scheduler the next thread unwinds.
                run.Bounded?.Abandon(model.Id);
            }
            catch (Exception e) when (run.Bounded is { } bounded)
            {
                // Under Coyote an exception escaping a thread is Coyote's bug report; the bounded scheduler reports it itself.
                bounded.Abandon(model.Id, e);
            }
            finally
            {
                // Coyote may run a later operation on this OS thread: it must not inherit this thread's state.
                t_current = null;
                t_run = null;
            }
        }
        if (run.Bounded is not null)
        {
            // The bounded scheduler serializes the thread and knows when it finished: a pooled thread will do.
            run.Bounded.Created(model.Id, BoundedThreads.Run(Body));
            return new CheckedThread(null, model);
        }
        var thread = new Thread(Body);
        run.Started(thread);
        thread.Start();
        return new CheckedThread(thread, model);
    }

    public void Join()
    {
        CheckRun.Current.Bounded?.Join(Current.Id, _model.Id);
        _thread?.Join();
        WeakMemory.Join(Current, _model);
    }
}
