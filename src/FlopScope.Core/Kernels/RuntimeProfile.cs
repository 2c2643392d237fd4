namespace FlopScope.Kernels;

/// <summary>
/// A runtime a model can be timed under: its fusion-rule table (which node groups become one kernel, which ops
/// vanish), its per-kernel overhead by device kind and its per-class efficiency factors. One small file per runtime
/// under Kernels/Runtimes; tables are data, so a caller can override one with <c>with { Rules = ... }</c> and
/// register it in a <see cref="RuntimeCatalog"/>. Every rule is explained, with sources, in docs/estimator.md.
/// </summary>
public sealed record RuntimeProfile
{
    /// <summary>Id used on the command line and in device files: <c>ort-cpu</c>, <c>tensorrt</c>.</summary>
    public required string Id { get; init; }

    /// <summary>One-line description (runtime, version assumptions).</summary>
    public required string Name { get; init; }

    /// <summary>Device kinds (<c>cpu</c>, <c>gpu</c>, <c>npu</c>) this runtime runs on.</summary>
    public required IReadOnlyList<string> DeviceKinds { get; init; }

    /// <summary>Fusion rules, tried in order at every node not yet in a kernel.</summary>
    public IReadOnlyList<FusionRule> Rules { get; init; } = [];

    /// <summary>Multi-node patterns rules refer to as <c>@id</c>; a pattern not used by a rule also fuses alone.</summary>
    public IReadOnlyList<FusionPattern> Patterns { get; init; } = [];

    /// <summary>True when the runtime folds nodes whose every input is stored or static into constants when it builds
    /// the session (ONNX Runtime's ConstantFolding, TensorRT's build-time folding).</summary>
    public bool FoldsConstants { get; init; } = true;

    /// <summary>True when the runtime sees the sizes the model is timed at when it builds (TensorRT's optimization
    /// profiles, a static export). False when it builds from the model's declared shapes (ONNX Runtime without
    /// free-dimension overrides): shape computations that depend on a symbolic input dimension then run as small kernels
    /// at every inference, and fusions that need a static shape do not apply (<see cref="SymbolicShapes"/>).</summary>
    public bool SeesBoundShapes { get; init; } = true;

    /// <summary>Ops the runtime removes outright (Identity, Dropout at inference).</summary>
    public IReadOnlyList<string> RemovedOps { get; init; } = ["Identity", "Dropout"];

    /// <summary>View ops (Reshape, Flatten, Squeeze, Unsqueeze) that still run as a (copy-free) kernel, paying the
    /// per-kernel overhead; empty when the runtime resolves views at build time.</summary>
    public IReadOnlyList<string> ViewKernels { get; init; } = [];

    /// <summary>Ops whose sibling nodes (same op reading the same computed tensor) the runtime merges into one kernel
    /// (ONNX Runtime turns the Slices of one tensor into one Split).</summary>
    public IReadOnlyList<string> MergedSiblings { get; init; } = [];

    /// <summary>Ops the runtime runs as two kernels when nothing absorbs them, with the op of the extra kernel that
    /// runs first (ONNX Runtime's CPU provider runs a standalone HardSwish as HardSigmoid then Mul).</summary>
    public IReadOnlyDictionary<string, string> SplitOps { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the runtime's Transpose copies element by element unless the permutation moves a single axis
    /// or keeps the innermost one, and its Softmax on an inner axis transposes that axis last and back (ONNX Runtime's CPU
    /// provider; <see cref="StridedTransposes"/>).</summary>
    public bool StridedTransposes { get; init; }

    /// <summary>Blocked-layout pass inserting reorder kernels, or null.</summary>
    public LayoutRule? Layout { get; init; }

    /// <summary>Default per-kernel overhead in microseconds by device kind (<c>cpu</c>, <c>gpu</c>, <c>npu</c>).</summary>
    public required IReadOnlyDictionary<string, double> KernelOverheadUs { get; init; }

    /// <summary>Default efficiency of each class relative to the device-level efficiencies (1 = the device's own
    /// compute_efficiency / memory_efficiency).</summary>
    public required IReadOnlyDictionary<KernelClass, ClassEfficiency> Classes { get; init; }

    /// <summary>Output elements per unit of parallel work (a GPU thread block's output tile, a CPU thread's task)
    /// by class.</summary>
    public required IReadOnlyDictionary<KernelClass, long> TileElements { get; init; }

    /// <summary>Fraction of the device's parallel units that saturates memory bandwidth.</summary>
    public double MemorySaturation { get; init; } = 0.5;

    /// <summary>Kernel classes that run in INT8 when a model is judged at int8; the other kernels of an INT8 engine run
    /// in FP16 with reformat kernels where FP16 feeds INT8 (docs/estimator.md, "INT8 engines"). Empty: every kernel
    /// runs at the model's precision.</summary>
    public IReadOnlySet<KernelClass> Int8Classes { get; init; } = new HashSet<KernelClass>();

    /// <summary>Class efficiencies by device kind that replace <see cref="Classes"/> on that kind (PyTorch eager's
    /// CPU kernels, docs/estimator.md "PyTorch eager on CPUs").</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<KernelClass, ClassEfficiency>> ClassesByKind { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<KernelClass, ClassEfficiency>>();

    /// <summary>Per-call weight and layout reorders by device kind, or none: under PyTorch eager on a CPU every oneDNN
    /// convolution reorders its plain input, weights and output each call (docs/estimator.md, "PyTorch eager on CPUs:
    /// per-call reorders"). <see cref="RuntimeCatalog.OnDevice"/> resolves it into <see cref="CallReorders"/>.</summary>
    public IReadOnlyDictionary<string, CallReorderRule> CallReordersByKind { get; init; } = new Dictionary<string, CallReorderRule>();

    /// <summary>The per-call reorder rule in force on the device the runtime was resolved for; null = none.</summary>
    public CallReorderRule? CallReorders { get; init; }

    /// <summary>Where the figures come from.</summary>
    public required string Source { get; init; }
}
