using System.Runtime.Intrinsics.X86;
using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Runtime;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>
/// ort-cpu kernel detection against ONNX Runtime itself: every fixture model is run once at graph optimization
/// level all with profiling, the session's kernels are mapped back to the original nodes, and the node groups and
/// inserted kernels must equal detection's, except the differences listed here and explained in docs/estimator.md
/// ("Detection vs ONNX Runtime").
/// </summary>
public sealed class OrtCpuDetectionTests
{
    /// <summary>Known differences per model, exactly as <see cref="KernelComparison"/> prints them.</summary>
    private static readonly Dictionary<string, string[]> Known = new()
    {
        ["vit_b_16"] =
        [
            "inserted Reshape: ORT 60, detected 72",
            "inserted Squeeze: ORT 12, detected 0",
            "only ORT: 12 x Reshape+Unsqueeze",
            "only ORT: 12 x Transpose+Mul+Mul+MatMul",
            "only detected: 12 x MatMul",
            "only detected: 12 x Reshape",
            "only detected: 12 x Unsqueeze",
            "only detected: 24 x Mul",
            "only detected: 48 x Transpose",
        ],
        ["bert_base"] =
        [
            "only ORT: 1 x Cast+And",
            "only ORT: 1 x Expand+Where",
            "only detected: 1 x And",
            "only detected: 1 x Cast",
            "only detected: 1 x Expand",
            "only detected: 1 x Where",
        ],
    };

    /// <summary>Known differences per model when ONNX Runtime builds the session from the model's symbolic dimensions,
    /// as <c>bench</c> runs it (docs/estimator.md, "Symbolic dimensions"): the shape computations both sides run, merge
    /// and fold differ only in bert's and ViT's attention reshapes.</summary>
    private static readonly Dictionary<string, string[]> KnownSymbolic = new()
    {
        ["bert_base"] =
        [
            "inserted Add: ORT 1, detected 0",
            "inserted Concat: ORT 12, detected 0",
            "inserted Mul: ORT 1, detected 0",
            "inserted Range: ORT 1, detected 0",
            "inserted Shape: ORT 2, detected 0",
            "inserted Unsqueeze: ORT 4, detected 0",
            "only ORT: 1 x Cast+And",
            "only ORT: 1 x Shape+Gather",
            "only ORT: 1 x Unsqueeze+Concat",
            "only ORT: 12 x Concat+Reshape",
            "only detected: 1 x And",
            "only detected: 1 x Cast",
            "only detected: 1 x Gather",
            "only detected: 1 x Unsqueeze",
            "only detected: 12 x Reshape",
            "only detected: 13 x Concat",
            "only detected: 3 x ConstantOfShape",
            "only detected: 3 x Mul",
            "only detected: 4 x Shape",
        ],
        ["vit_b_16"] =
        [
            "inserted Concat: ORT 24, detected 0",
            "inserted Gather: ORT 13, detected 0",
            "inserted Mul: ORT 24, detected 0",
            "inserted Shape: ORT 12, detected 0",
            "inserted Unsqueeze: ORT 60, detected 0",
            "only ORT: 1 x Unsqueeze+Concat+Reshape",
            "only ORT: 11 x Concat+Reshape",
            "only ORT: 12 x Shape+Slice",
            "only ORT: 12 x Unsqueeze+Concat",
            "only ORT: 12 x Unsqueeze+Unsqueeze+Concat+Reshape",
            "only detected: 1 x ConstantOfShape",
            "only detected: 12 x Slice",
            "only detected: 14 x Shape",
            "only detected: 2 x Div",
            "only detected: 2 x Mul",
            "only detected: 24 x Reshape",
            "only detected: 3 x Gather",
            "only detected: 37 x Concat",
            "only detected: 39 x Unsqueeze",
        ],
    };

    public static TheoryData<string> Models => new(Fixtures.ModelNames);

    /// <summary>ort-cpu as on this machine: NCHWc blocks of 16 channels with AVX-512, 8 with AVX2, none otherwise.</summary>
    internal static RuntimeProfile OrtCpuHere()
    {
        var ort = RuntimeCatalog.BuiltIn.Get("ort-cpu");
        int? block = Avx512F.IsSupported ? 16 : Avx2.IsSupported ? 8 : null;
        return ort with { Layout = block is { } b ? ort.Layout! with { BlockChannels = b } : null };
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void DetectionEqualsOnnxRuntimeKernels(string name) => AssertDetectionMatches(name, pinned: true, Known);

    [Theory]
    [MemberData(nameof(Models))]
    public void DetectionUnderSymbolicDimensionsEqualsTheBenchSession(string name) => AssertDetectionMatches(name, pinned: false, KnownSymbolic);

    /// <summary>The profile as a runtime given free-dimension overrides sees it: no symbolic axes.</summary>
    internal static ProfileReport Pinned(ProfileReport profile) =>
        profile with { Inputs = profile.Inputs.Select(i => i with { SymbolicAxes = [] }).ToArray() };

    /// <summary>Detection against ONNX Runtime's session, its symbolic dimensions fixed to the profile's sizes
    /// (<paramref name="pinned"/>) or left symbolic as <c>bench</c> runs it: the differences must be exactly the known
    /// ones, and with none the kernel counts must agree.</summary>
    private static void AssertDetectionMatches(string name, bool pinned, Dictionary<string, string[]> known)
    {
        var model = ModelCache.Fixture(name);
        var profile = model.Profile(new ProfileOptions { InputShapes = Fixtures.InputsOf(name) });

        var ort = OrtKernels.Of(model, profile, GraphOptimization.All, pinSymbols: pinned);
        var detected = KernelDetector.Detect(pinned ? Pinned(profile) : profile, OrtCpuHere());

        var expected = known.GetValueOrDefault(name, []);
        Assert.Equal(expected, KernelComparison.Differences(profile, detected, ort));
        if (expected.Length == 0)
        {
            Assert.Equal(ort.Count, detected.Count(k => k.Rule != StridedTransposes.InnerAxisRule));
        }
    }
}
