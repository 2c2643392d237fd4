using FlopScope.Graph;
using FlopScope.Onnx.Loading;
using FlopScope.Profiling;

namespace FlopScope.Onnx;

/// <summary>
/// An ONNX model loaded for analysis. Loading reads the graph and tensor descriptors only: weight payloads are never
/// read, and external data files are never opened (their locations are validated).
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

    /// <summary>Loads a <c>.onnx</c> (or gzip-compressed <c>.onnx.gz</c>) file.</summary>
    /// <exception cref="Errors.InvalidModelException">Missing, truncated or non-ONNX file, unsafe external data path.</exception>
    public static OnnxModel Load(string path) => new(ModelFile.Read(path), path);

    /// <summary>Loads a model file; with <paramref name="findTiedTensors"/> false, the stored bytes of same-shape
    /// tensors are not compared, so no weight byte is read and <see cref="Profiling.ParameterSummary.Tied"/> stays
    /// empty (<see cref="Profiling.ParameterSummary.DuplicatesChecked"/> false): for outputs that report stored
    /// parameters only, such as one summary row per model.</summary>
    /// <exception cref="Errors.InvalidModelException">Missing, truncated or non-ONNX file, unsafe external data path.</exception>
    public static OnnxModel Load(string path, bool findTiedTensors) => new(ModelFile.Read(path, findTiedTensors), path);

    /// <summary>Loads a model from bytes (plain or gzip-compressed). External data paths are checked against
    /// <paramref name="directory"/> (default: the current folder).</summary>
    public static OnnxModel Load(byte[] bytes, string name = "model", string? directory = null) => new(ModelFile.Read(bytes, name, directory), null);

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
