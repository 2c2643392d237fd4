using FlopScope.Graph;
using FlopScope.Onnx.Loading;
using FlopScope.Profiling;

namespace FlopScope.Onnx;

/// <summary>
/// An ONNX model loaded for analysis. Loading reads the graph and tensor descriptors; weight payloads are read for one
/// feature only, the tied-tensor search behind <see cref="ParameterSummary.Unique"/>: it compares the stored bytes of
/// initializers that share their type and shape (256-byte screens first, whole tensors only where screens match), from
/// the model bytes or memory-mapped external data files. It runs by default, so a profile reports unique parameters;
/// callers whose output reports stored parameters only (an estimate, a budget check, a benchmark, one summary row per
/// model) load with <c>Load(path, findTiedTensors: false)</c> and no weight byte is read. External data locations are
/// validated; the files are opened only by that search.
/// </summary>
/// <example>
/// <code>
/// var report = OnnxModel.Load("yolo11n.onnx").Profile(imgsz: 640);
/// Console.WriteLine($"{report.Summary.GFlops:F1} GFLOPs at {report.InputShapeText}");
/// </code>
/// </example>
public sealed class OnnxModel
{
    private OnnxModel(Model model, string? path)
    {
        Model = model;
        Path = path;
    }

    /// <summary>The graph model.</summary>
    public Model Model { get; }

    /// <summary>The file it was loaded from, when loaded from a file.</summary>
    public string? Path { get; }

    /// <summary>Loads a <c>.onnx</c> (or gzip-compressed <c>.onnx.gz</c>) file and searches it for tied tensors (same as
    /// <c>Load(path, findTiedTensors: true)</c>), so <see cref="Profile(ProfileOptions)"/> reports unique parameters.</summary>
    /// <exception cref="Errors.InvalidModelException">Missing, truncated or non-ONNX file, unsafe external data path.</exception>
    public static OnnxModel Load(string path) => new(ModelFile.Read(path), path);

    /// <summary>Loads a model file, with or without the tied-tensor search. With <paramref name="findTiedTensors"/>
    /// false, the stored bytes of same-shape tensors are not compared, so no weight byte is read (nor any external data
    /// file opened) and <see cref="Profiling.ParameterSummary.Tied"/> stays empty,
    /// <see cref="Profiling.ParameterSummary.Unique"/> equals <see cref="Profiling.ParameterSummary.Total"/> and
    /// <see cref="Profiling.ParameterSummary.DuplicatesChecked"/> is false (<see cref="FlopScope.Graph.Model.IdenticalTensors"/>
    /// null): for outputs that report stored parameters only. Every other figure (costs, memory, stored parameters) is
    /// the same either way.</summary>
    /// <param name="path">The <c>.onnx</c> or <c>.onnx.gz</c> file.</param>
    /// <param name="findTiedTensors">Whether to compare stored bytes to find tied tensors (the default of
    /// <see cref="Load(string)"/>).</param>
    /// <exception cref="Errors.InvalidModelException">Missing, truncated or non-ONNX file, unsafe external data path.</exception>
    public static OnnxModel Load(string path, bool findTiedTensors) => new(ModelFile.Read(path, findTiedTensors), path);

    /// <summary>Loads a model from bytes (plain or gzip-compressed). External data paths are checked against
    /// <paramref name="directory"/> (default: the current folder).</summary>
    /// <param name="bytes">The model's bytes.</param>
    /// <param name="name">The display name of the model.</param>
    /// <param name="directory">The folder external data paths are relative to.</param>
    /// <param name="findTiedTensors">Whether to compare stored bytes to find tied tensors, as in
    /// <see cref="Load(string, bool)"/> (default true).</param>
    public static OnnxModel Load(byte[] bytes, string name = "model", string? directory = null, bool findTiedTensors = true) =>
        new(ModelFile.Read(bytes, name, directory, findTiedTensors), null);

    /// <summary>The protobuf bytes of a gzip-compressed model file (recognised by its magic bytes, not its name),
    /// inflated under the decompressed-size limit; null for a plain file.</summary>
    /// <exception cref="Errors.InvalidModelException">Corrupt or truncated gzip data, or the limit exceeded.</exception>
    public static byte[]? InflateIfCompressed(string path) => ModelFile.InflateIfGzip(path);

    /// <summary>Profiles the model with full options.</summary>
    public ProfileReport Profile(ProfileOptions options) => Profiler.Profile(Model, options);

    /// <summary>Profiles the model the way <c>model.profile(imgsz=640)</c> reads in Python.</summary>
    /// <param name="imgsz">Square image size for image inputs (null: the model's own, or 640 where dynamic).</param>
    /// <param name="batch">Batch size (null: the model's own, or 1 where dynamic).</param>
    /// <param name="convention">Counting convention of the headline figures.</param>
    /// <param name="dims">Values of named symbolic dimensions (e.g. sequence = 128).</param>
    public ProfileReport Profile(long? imgsz = null, long? batch = null, CountingConvention convention = CountingConvention.Default,
        IReadOnlyDictionary<string, long>? dims = null) =>
        Profile(new ProfileOptions
        {
            ImageSize = imgsz is { } s ? (s, s) : null,
            Batch = batch,
            Convention = convention,
            Dims = dims ?? new Dictionary<string, long>(),
        });
}
