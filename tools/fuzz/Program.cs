using System.Diagnostics;
using CsCheck;
using FlopScope.Fuzzing;

// Long-run fuzzing: alternates structure-aware and byte-mutation rounds until the time budget is spent, with a
// watchdog on each execution (a hang) and on resident memory. Every failure is written under the failures folder as
// a .bin file for tests/fixtures/fuzz/. Exit 0: no failure; 1: failures written.
if (args.Length == 2 && args[0] == "replay")
{
    // Replays one saved input and reports what happens (for turning a failure into a fixture).
    // Every option choice the fuzzer can make (batch, symbolic dimension values, convention).
    foreach (var options in from a in new[] { 0, 1 } from b in new[] { 0, 1, 2 } from c in new[] { 0, 1, 2, 3 } select new[] { a, b, c, 1 })
    {
        var replayClock = Stopwatch.StartNew();
        var outcome = FuzzTarget.Run(File.ReadAllBytes(args[1]), new ChoiceTape(options));
        using var me = Process.GetCurrentProcess();
        Console.WriteLine($"options [{string.Join(",", options)}]: {(outcome ? "profiled" : "rejected with one line")} in {replayClock.ElapsedMilliseconds} ms, peak resident {me.PeakWorkingSet64 / (1 << 20)} MiB");
    }

    return 0;
}

var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 600;
var fixtures = args.Length > 1 ? args[1] : "tests/fixtures";
var failures = args.Length > 2 ? args[2] : "fuzz-failures";
const long MaxResident = 1L << 30;
var hangAfter = TimeSpan.FromSeconds(10);

var seeds = FuzzSeeds.Load(fixtures);
long structureRuns = 0, byteRuns = 0, profiled = 0;
var peakResident = 0L;
var failed = 0;
var current = Array.Empty<byte>();
var started = Stopwatch.GetTimestamp();
var runStart = Stopwatch.GetTimestamp();
var clock = Stopwatch.StartNew();

var watchdog = new Thread(() =>
{
    while (true)
    {
        Thread.Sleep(200);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        peakResident = Math.Max(peakResident, self.WorkingSet64);
        var running = Stopwatch.GetElapsedTime(Interlocked.Read(ref runStart));
        if (running > hangAfter || self.WorkingSet64 > MaxResident)
        {
            var why = running > hangAfter ? $"hang: one execution ran {running.TotalSeconds:F0} s" : $"resident memory {self.WorkingSet64:N0} bytes";
            Save(Volatile.Read(ref current), why);
            Console.WriteLine($"FAIL {why}; executions {structureRuns + byteRuns:N0}");
            Environment.Exit(1);
        }
    }
}) { IsBackground = true };
watchdog.Start();

// After a failure CsCheck re-runs smaller inputs to shrink it: those re-runs are not counted as executions.
var shrinking = false;

void Execute(byte[] bytes, ChoiceTape tape, bool structure)
{
    Volatile.Write(ref current, bytes);
    Interlocked.Exchange(ref runStart, Stopwatch.GetTimestamp());
    bool ok;
    try
    {
        ok = FuzzTarget.Run(bytes, tape);
    }
    catch
    {
        shrinking = true;
        throw;
    }

    if (shrinking)
    {
        return;
    }

    if (ok)
    {
        Interlocked.Increment(ref profiled);
    }

    if (structure)
    {
        Interlocked.Increment(ref structureRuns);
    }
    else
    {
        Interlocked.Increment(ref byteRuns);
    }
}

void Save(byte[] bytes, string why)
{
    Directory.CreateDirectory(failures);
    var name = Path.Combine(failures, $"fuzz-{DateTime.UtcNow:yyyyMMddHHmmss}-{Interlocked.Increment(ref failed)}.bin");
    File.WriteAllBytes(name, bytes);
    File.WriteAllText(name + ".txt", why + Environment.NewLine);
}

var round = 0;
while (clock.Elapsed.TotalSeconds < seconds)
{
    var slice = (int)Math.Min(30, seconds - clock.Elapsed.TotalSeconds) + 1;
    shrinking = false;
    try
    {
        if (round++ % 2 == 0)
        {
            Gen.Int.Array[0, 400].Sample(c => { var t = new ChoiceTape(c); Execute(ModelGenerator.Build(t), t, true); }, time: slice, threads: 1);
        }
        else
        {
            Gen.Int.Array[1, 40].Sample(c => { var t = new ChoiceTape(c); Execute(ByteMutator.Mutate(t.Pick(seeds), t), t, false); }, time: slice, threads: 1);
        }
    }
    catch (Exception e)
    {
        var failure = e as FuzzFailureException ?? e.InnerException as FuzzFailureException;
        Save(failure?.Input ?? Volatile.Read(ref current), e.Message);
        Console.WriteLine($"FAIL {e.Message.Split('\n')[0]}");
    }
}

Console.WriteLine($"executions (shrink re-runs excluded): {structureRuns + byteRuns:N0} (structure {structureRuns:N0}, bytes {byteRuns:N0}); profiled fully: {profiled:N0}; " +
    $"failures: {failed}; peak resident: {peakResident / (1 << 20):N0} MiB; {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
return failed == 0 ? 0 : 1;
