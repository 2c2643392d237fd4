using FlopScope.Kernels;

namespace FlopScope.Runtime.Calibration;

/// <summary>One kernel as the fit sees it: its class and its compute and memory time at efficiency 1.</summary>
/// <param name="KernelClass">Kernel class.</param>
/// <param name="ComputeSeconds">FLOPs / (peak FLOP/s x utilisation): the compute term at compute efficiency 1.</param>
/// <param name="MemorySeconds">Bytes in and out / bandwidth: the memory term at memory efficiency 1.</param>
/// <param name="Parallel">Whether the runtime splits the kernel across its threads (it then also pays the parallel
/// dispatch cost, <see cref="RuntimeParameters.ParallelOverheadUs"/>).</param>
/// <param name="Launched">False for work inside another kernel's launch (the second pass of a fused activation,
/// <see cref="Kernels.Kernel.PassBytes"/>): it pays no per-kernel overhead.</param>
public readonly record struct KernelSample(KernelClass KernelClass, double ComputeSeconds, double MemorySeconds, bool Parallel = false, bool Launched = true);

/// <summary>A measured time and the kernels that ran in it.</summary>
/// <param name="Source">Where it comes from: a probe id, or a model name (leave-one-model-out groups by it).</param>
/// <param name="Kernels">The kernels whose summed estimated time is compared with <paramref name="MeasuredSeconds"/>.</param>
/// <param name="MeasuredSeconds">Measured time, s.</param>
/// <param name="Weight">Weight of its squared log error. Default 1.</param>
public sealed record FitObservation(string Source, IReadOnlyList<KernelSample> Kernels, double MeasuredSeconds, double Weight = 1);

/// <summary>What a fit gives: per-kernel overhead and per-class efficiencies of one runtime on one device.</summary>
/// <param name="KernelOverheadUs">Fixed time per kernel, µs.</param>
/// <param name="Classes">Efficiencies by class id.</param>
/// <param name="ParallelOverheadUs">Extra fixed time of a kernel split across the runtime's threads (waking and joining
/// the thread pool), µs; measured by a probe, never fitted.</param>
/// <param name="MemoryOverlap">Overlap of memory transfer with computation, 0-1 (<see cref="KernelCosts.Combine"/>);
/// chosen by <see cref="StructureSearch"/>, fixed within one fit.</param>
/// <param name="EpilogueMacs">Per-output accumulator and epilogue cost of matrix products, MACs
/// (<see cref="Utilisation.Reduction"/>); already inside the samples' compute terms, recorded to be written out.</param>
public sealed record RuntimeParameters(double KernelOverheadUs, IReadOnlyDictionary<KernelClass, ClassEfficiency> Classes, double ParallelOverheadUs = 0,
    double MemoryOverlap = 1, double EpilogueMacs = 0)
{
    /// <summary>Estimated time of one kernel: max(compute / compute efficiency, memory / memory efficiency) plus the
    /// part of the shorter term that does not overlap, + overhead (+ the parallel dispatch cost when the kernel is split
    /// across threads), the estimator's per-kernel model.</summary>
    public double Seconds(KernelSample kernel)
    {
        var e = Classes.TryGetValue(kernel.KernelClass, out var found) ? found : new ClassEfficiency(1, 1);
        var busy = KernelCosts.Combine(kernel.ComputeSeconds / e.ComputeEfficiency, kernel.MemorySeconds / e.MemoryEfficiency, MemoryOverlap);
        return kernel.Launched ? busy + ((KernelOverheadUs + (kernel.Parallel ? ParallelOverheadUs : 0)) * 1e-6) : busy;
    }

    /// <summary>Estimated time of an observation's kernels.</summary>
    public double Seconds(FitObservation observation) => observation.Kernels.Sum(Seconds);
}

/// <summary>How well a fit matches its observations.</summary>
/// <param name="Parameters">The fitted parameters.</param>
/// <param name="Identified">Parameters the data constrained (class.compute, class.memory, overhead); the others stayed
/// at the prior.</param>
/// <param name="MedianError">Median over observations of max(estimated/measured, measured/estimated).</param>
public sealed record FitResult(RuntimeParameters Parameters, IReadOnlyList<string> Identified, double MedianError);

/// <summary>
/// Fits per-class compute and memory efficiencies (bounded 0.01-1) and the per-kernel overhead of one runtime to measured
/// times: minimises the weighted sum of Huber losses of log(estimated / measured) (quadratic up to a factor 1.25, linear
/// beyond, so one disturbed measurement cannot drag a class), plus a weak pull of each parameter towards its prior so a
/// parameter no measurement constrains (the compute efficiency of a memory-bound class) keeps the runtime's default.
/// Coordinate descent in log space: a coarse scan of each parameter's range, then a golden-section refinement,
/// repeated until no parameter moves. Only per-class and per-kernel parameters: never anything per model.
/// </summary>
public static class EfficiencyFit
{
    /// <summary>Lowest efficiency the fit may return.</summary>
    public const double MinEfficiency = 0.01;

    /// <summary>Highest efficiency the fit may return.</summary>
    public const double MaxEfficiency = 1.0;

    /// <summary>Overhead bounds, µs.</summary>
    public const double MinOverheadUs = 0.05, MaxOverheadUs = 5000;

    private static readonly double HuberDelta = Math.Log(1.25);

    /// <summary>Strength of the pull towards the prior, relative to the total weight of the observations.</summary>
    private const double PriorWeight = 1e-4;

    /// <summary>Fits <paramref name="observations"/>, starting from (and pulled weakly towards) <paramref name="prior"/>.
    /// The parallel dispatch cost stays at the prior's (it is measured, not fitted); <paramref name="constraints"/> ties
    /// parameters the observations cannot tell apart (<see cref="FitConstraints.Streaming"/>).</summary>
    /// <param name="observations">Measured times and their kernels.</param>
    /// <param name="prior">Starting point and weak pull; its parallel dispatch cost is used as is.</param>
    /// <param name="fitOverhead">Whether the per-kernel overhead is fitted (else kept at the prior's).</param>
    /// <param name="constraints">Tied parameters, or null.</param>
    /// <param name="maxComputeEfficiency">Upper bound of the compute efficiencies: 1 against datasheet peaks; above 1
    /// when the peak is itself a measured rate that a class's kernels may beat (<see cref="ClassCalibration"/>). Memory
    /// efficiencies stay at most 1.</param>
    public static FitResult Fit(IReadOnlyList<FitObservation> observations, RuntimeParameters prior, bool fitOverhead = true, FitConstraints? constraints = null,
        double maxComputeEfficiency = MaxEfficiency)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(prior);
        var usable = observations.Where(o => o.MeasuredSeconds > 0 && o.Weight > 0 && o.Kernels.Count > 0).ToArray();
        var classes = prior.Classes.Keys.Concat(usable.SelectMany(o => o.Kernels.Select(k => k.KernelClass))).Distinct().Order().ToArray();

        // Parameter vector in log space: [overhead, c0.compute, c0.memory, c1.compute, ...].
        var names = new List<string> { "overhead" };
        var start = new List<double> { Math.Log(Math.Clamp(prior.KernelOverheadUs, MinOverheadUs, MaxOverheadUs)) };
        foreach (var c in classes)
        {
            var e = prior.Classes.TryGetValue(c, out var p) ? p : new ClassEfficiency(0.5, 0.5);
            names.Add(c.Id() + ".compute");
            start.Add(Math.Log(Math.Clamp(e.ComputeEfficiency, MinEfficiency, Math.Max(maxComputeEfficiency, MinEfficiency))));
            names.Add(c.Id() + ".memory");
            start.Add(Math.Log(Math.Clamp(e.MemoryEfficiency, MinEfficiency, MaxEfficiency)));
        }

        var priorVector = start.ToArray();
        var x = start.ToArray();
        var lower = names.Select((n, i) => i == 0 ? Math.Log(MinOverheadUs) : Math.Log(MinEfficiency)).ToArray();
        var upper = names.Select((n, i) => i == 0 ? Math.Log(MaxOverheadUs)
            : Math.Log(n.EndsWith(".compute", StringComparison.Ordinal) ? Math.Max(maxComputeEfficiency, MinEfficiency) : MaxEfficiency)).ToArray();
        var totalWeight = usable.Sum(o => o.Weight);
        var lambda = PriorWeight * Math.Max(totalWeight, 1);

        // Which parameters each observation depends on, so a 1-D search only re-evaluates those. A tied memory
        // efficiency reads its source's slot: its own slot is never searched.
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var memorySlot = classes.Select((c, i) => 2 + (2 * (TiedTo(constraints, c) is { } source && classIndex.TryGetValue(source, out var si) ? si : i))).ToArray();
        var touching = names.Select(_ => new List<int>()).ToArray();
        for (var o = 0; o < usable.Length; o++)
        {
            touching[0].Add(o);
            var slots = new HashSet<int>();
            foreach (var ci in usable[o].Kernels.Select(k => classIndex[k.KernelClass]).Distinct())
            {
                slots.Add(1 + (2 * ci));
                slots.Add(memorySlot[ci]);
            }

            foreach (var slot in slots)
            {
                touching[slot].Add(o);
            }
        }

        // Flattened kernels per observation: class index, compute and memory seconds, fixed overhead besides the fitted one.
        var parallel = Math.Max(0, prior.ParallelOverheadUs) * 1e-6;
        var overlap = prior.MemoryOverlap;
        var flat = usable.Select(o => o.Kernels.Select(k => (Class: classIndex[k.KernelClass], k.ComputeSeconds, k.MemorySeconds, k.Launched, Extra: k.Parallel ? parallel : 0)).ToArray()).ToArray();
        var identified = new List<string>();
        double Loss(int parameter, double[] v)
        {
            var overhead = Math.Exp(v[0]) * 1e-6;
            var efficiency = new double[v.Length];
            for (var i = 1; i < v.Length; i++)
            {
                efficiency[i] = Math.Exp(v[i]);
            }

            var sum = 0.0;
            foreach (var o in touching[parameter])
            {
                var seconds = 0.0;
                foreach (var (c, compute, memory, launched, extra) in flat[o])
                {
                    seconds += KernelCosts.Combine(compute / efficiency[1 + (2 * c)], memory / efficiency[memorySlot[c]], overlap) + (launched ? overhead + extra : 0);
                }

                var r = Math.Log(seconds / usable[o].MeasuredSeconds);
                sum += usable[o].Weight * Huber(r);
            }

            var d = v[parameter] - priorVector[parameter];
            return sum + (lambda * d * d);
        }

        for (var sweep = 0; sweep < 60; sweep++)
        {
            var moved = 0.0;
            for (var p = fitOverhead ? 0 : 1; p < x.Length; p++)
            {
                if (touching[p].Count == 0)
                {
                    continue;
                }

                var best = Minimise(v => { var y = (double[])x.Clone(); y[p] = v; return Loss(p, y); }, lower[p], upper[p], x[p]);
                moved = Math.Max(moved, Math.Abs(best - x[p]));
                x[p] = best;
            }

            if (moved < 1e-7)
            {
                break;
            }
        }

        // A parameter is identified when the data, not the pull towards the prior, holds it: moving it by a factor 1.5
        // either way raises the data loss by more than ten times what it raises the pull.
        var pull = lambda * Math.Log(1.5) * Math.Log(1.5);
        for (var p = fitOverhead ? 0 : 1; p < x.Length; p++)
        {
            if (touching[p].Count == 0)
            {
                continue;
            }

            var at = Loss(p, x) - Penalty(p, x);
            var up = (double[])x.Clone();
            up[p] += Math.Log(1.5);
            var down = (double[])x.Clone();
            down[p] -= Math.Log(1.5);
            var rise = Math.Min(up[p] <= upper[p] + 1e-12 ? Loss(p, up) - Penalty(p, up) - at : double.MaxValue, down[p] >= lower[p] - 1e-12 ? Loss(p, down) - Penalty(p, down) - at : double.MaxValue);
            if (rise > 10 * pull)
            {
                identified.Add(names[p]);
            }
        }

        double Penalty(int p, double[] v) => lambda * (v[p] - priorVector[p]) * (v[p] - priorVector[p]);

        // A parameter the data does not hold goes back to its prior exactly, provided that leaves the data's loss where
        // it is: the weak pull alone lets an unconstrained efficiency creep far from any plausible value (a gemm memory
        // efficiency of 0.03 fitted from compute-bound probes once made decode 25x too slow).
        for (var p = 1; p < x.Length; p++)
        {
            if (identified.Contains(names[p]) || x[p] == priorVector[p])
            {
                continue;
            }

            var reset = (double[])x.Clone();
            reset[p] = priorVector[p];
            var data = Loss(p, x) - Penalty(p, x);
            if (Loss(p, reset) - Penalty(p, reset) <= data + (1e-9 * Math.Max(1, Math.Abs(data))))
            {
                x = reset;
            }
        }

        var fitted = ToParameters(x, classes, memorySlot, prior.ParallelOverheadUs) with { MemoryOverlap = prior.MemoryOverlap, EpilogueMacs = prior.EpilogueMacs };
        var errors = usable.Select(o => Error(fitted.Seconds(o), o.MeasuredSeconds)).Order().ToArray();
        return new FitResult(fitted, identified, errors.Length > 0 ? Median(errors) : double.NaN);
    }

    /// <summary>The class whose memory efficiency <paramref name="c"/>'s follows, when the constraints tie it to another
    /// class that is not itself tied.</summary>
    private static KernelClass? TiedTo(FitConstraints? constraints, KernelClass c) =>
        constraints is not null && constraints.TiedMemory.TryGetValue(c, out var source) && source != c && !constraints.TiedMemory.ContainsKey(source) ? source : null;

    /// <summary>max(a/b, b/a): how many times off an estimate is (1 = exact).</summary>
    public static double Error(double estimated, double measured) => estimated > measured ? estimated / measured : measured / estimated;

    /// <summary>Median of a non-empty list.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static RuntimeParameters ToParameters(double[] x, KernelClass[] classes, int[] memorySlot, double parallelOverheadUs) => new(
        Math.Exp(x[0]),
        classes.Select((c, i) => (c, e: new ClassEfficiency(Math.Exp(x[1 + (2 * i)]), Math.Exp(x[memorySlot[i]])))).ToDictionary(p => p.c, p => p.e),
        parallelOverheadUs);

    private static double Huber(double r)
    {
        var a = Math.Abs(r);
        return a <= HuberDelta ? r * r : HuberDelta * ((2 * a) - HuberDelta);
    }

    /// <summary>1-D minimum on [lo, hi]: a 41-point scan, then golden section around the best point.</summary>
    private static double Minimise(Func<double, double> f, double lo, double hi, double current)
    {
        const int Points = 41;
        var bestX = current;
        var bestF = f(current);
        var step = (hi - lo) / (Points - 1);
        for (var i = 0; i < Points; i++)
        {
            var v = lo + (i * step);
            var fv = f(v);
            if (fv < bestF)
            {
                (bestX, bestF) = (v, fv);
            }
        }

        var a = Math.Max(lo, bestX - step);
        var b = Math.Min(hi, bestX + step);
        var g = (Math.Sqrt(5) - 1) / 2;
        var c = b - (g * (b - a));
        var d = a + (g * (b - a));
        var fc = f(c);
        var fd = f(d);
        for (var i = 0; i < 60 && b - a > 1e-9; i++)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (g * (b - a));
                fc = f(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (g * (b - a));
                fd = f(d);
            }
        }

        var mid = (a + b) / 2;
        var fm = f(mid);
        return fm < bestF ? mid : bestX;
    }
}
