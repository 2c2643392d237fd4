using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Runtime.Calibration;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Calibration;

/// <summary>The grid search over memory overlap and epilogue cost finds the pair the measurements were made with.</summary>
public sealed class StructureSearchTests
{
    private static readonly DeviceProfile Cpu = ToyDevices.Cpu() with
    {
        Runtimes = new Dictionary<string, RuntimeSettings> { ["ort-cpu"] = new() { KernelOverheadUs = 2, CallReorders = false } },
    };

    [Fact]
    public void TheGridPairThatMadeTheMeasurementsWinsAndTheRestOfTheSectionIsKept()
    {
        // Kernels of several compute/memory mixes, "measured" with overlap 0.5 at efficiency 1 and 2 us per kernel.
        var truth = new RuntimeParameters(2, new Dictionary<KernelClass, ClassEfficiency> { [KernelClass.Conv] = new(1, 1) }, MemoryOverlap: 0.5);
        var observations = new[] { (1e-5, 1e-5), (2e-5, 1e-5), (1e-5, 3e-5), (5e-6, 5e-6) }
            .Select((t, i) => new KernelSample(KernelClass.Conv, t.Item1, t.Item2))
            .Select((k, i) => new FitObservation($"k{i}", [k], truth.Seconds(k)))
            .ToArray();
        var runtime = RuntimeCatalog.BuiltIn.Get("ort-cpu");
        var seen = new List<(double Overlap, double Epilogue)>();

        var best = StructureSearch.Best(Cpu, runtime, device =>
        {
            var section = device.Runtimes!["ort-cpu"];
            Assert.Equal(2, section.KernelOverheadUs);
            Assert.False(section.CallReorders);
            seen.Add((section.MemoryOverlap!.Value, section.EpilogueMacs!.Value));
            var parameters = truth with { MemoryOverlap = section.MemoryOverlap.Value, EpilogueMacs = section.EpilogueMacs.Value };
            return (Parameters: parameters, Error: StructureSearch.GeometricError(parameters, observations));
        }, r => r.Error);

        Assert.Equal(StructureSearch.OverlapGrid.Count * StructureSearch.EpilogueMacsGrid.Count, seen.Count);
        Assert.Equal(0.5, best.Parameters.MemoryOverlap);
        // The samples carry no epilogue term, so every epilogue fits equally: the first (none) is kept.
        Assert.Equal(0, best.Parameters.EpilogueMacs);
        Assert.Equal(1, best.Error, 12);
    }

    [Fact]
    public void WritingTheFitKeepsWhatTheFitDoesNotSet()
    {
        var fitted = new RuntimeParameters(1.5, new Dictionary<KernelClass, ClassEfficiency> { [KernelClass.Conv] = new(0.8, 0.9) }, MemoryOverlap: 0.5, EpilogueMacs: 8);

        var section = KernelSamples.WithRuntime(Cpu, "ort-cpu", fitted).Runtimes!["ort-cpu"];

        Assert.Equal(1.5, section.KernelOverheadUs);
        Assert.Equal(0.5, section.MemoryOverlap);
        Assert.Equal(8, section.EpilogueMacs);
        Assert.Equal(new ClassEfficiency(0.8, 0.9), section.Classes["conv"]);
        Assert.False(section.CallReorders);
    }
}
