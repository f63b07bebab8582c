// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;

namespace Dlcall.Cli;

/// <summary>
/// Plain progress lines on stderr for steps that can take long (stub generation, a first guest
/// root download): the step's name, then its elapsed time every <see cref="Every"/> while it runs,
/// and how long it took. Plain lines, not a spinner, so a log or CI shows them too.
/// </summary>
/// <remarks>
/// The ticking runs on a thread of its own, joined on <see cref="Dispose"/>, never on the thread
/// pool: `dlcall run` execs QEMU afterwards, and a pool worker still running at exec time aborted
/// the .NET runtime (see ChildProcess).
/// </remarks>
internal sealed class Progress : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private readonly string _prefix;
    private readonly TimeSpan _quietFor;
    private readonly object _gate = new();
    private readonly Thread _ticker;
    private readonly Stopwatch _clock = new();
    private string? _step;
    private TimeSpan _next; // when the step's next line is due, on _clock
    private bool _announced, _done, _failed;

    /// <param name="prefix">Put before each line ("dlcall gen:").</param>
    /// <param name="quietFor">A step that ends sooner prints nothing at all (a cached guest root).</param>
    public Progress(string prefix, TimeSpan quietFor = default)
    {
        _prefix = prefix;
        _quietFor = quietFor;
        _ticker = new Thread(Tick) { IsBackground = true, Name = "progress" };
        _ticker.Start();
    }

    /// <summary>Ends the current step and starts <paramref name="step"/>.</summary>
    public void Begin(string step)
    {
        lock (_gate)
        {
            EndStep();
            _step = step;
            _announced = false;
            _next = _quietFor > TimeSpan.Zero ? _quietFor : Every;
            _clock.Restart();
            if (_quietFor == TimeSpan.Zero) Announce();
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Runs <paramref name="work"/> as one step that is announced only when it lasts 2 s or more;
    /// a result <paramref name="failed"/> says so ends it with "failed after", not "done in".</summary>
    public static T Step<T>(string step, Func<T> work, Func<T, bool>? failed = null)
    {
        using var p = new Progress("dlcall:", TimeSpan.FromSeconds(2));
        p.Begin(step);
        T result = work();
        p._failed = failed?.Invoke(result) ?? false;
        return result;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            EndStep();
            _done = true;
            Monitor.PulseAll(_gate);
        }
        _ticker.Join();
    }

    private void Announce()
    {
        _announced = true;
        Console.Error.WriteLine($"{_prefix} {_step}" + (_quietFor == TimeSpan.Zero ? "" : "..."));
    }

    private void EndStep()
    {
        if (_step != null && _announced && _clock.Elapsed >= TimeSpan.FromSeconds(1))
            Console.Error.WriteLine($"{_prefix} {_step}: {(_failed ? "failed after" : "done in")} {Seconds(_clock.Elapsed)}");
        _step = null;
    }

    private void Tick()
    {
        lock (_gate)
        {
            while (!_done)
            {
                if (_step == null)
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                TimeSpan now = _clock.Elapsed;
                if (now < _next)
                {
                    // +1 ms: a wait shorter than the timer's resolution returns at once and would spin.
                    Monitor.Wait(_gate, _next - now + TimeSpan.FromMilliseconds(1));
                    continue;
                }
                if (!_announced) Announce();
                else Console.Error.WriteLine($"{_prefix} {_step}: {Seconds(now)}...");
                while (_next <= now) _next += Every;
            }
        }
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:F0} s";
}
